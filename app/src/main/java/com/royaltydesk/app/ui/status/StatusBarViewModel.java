package com.royaltydesk.app.ui.status;

import com.royaltydesk.app.api.ApiException;
import com.royaltydesk.app.api.HealthResponse;
import com.royaltydesk.app.api.PlatformClient;
import com.royaltydesk.app.concurrency.BackgroundTasks;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Future;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The platform's URL and health, checked through the app's {@link PlatformClient} every few seconds
 * and on demand. All state changes happen on the UI thread via {@link BackgroundTasks}.
 */
public final class StatusBarViewModel {

    public static final Duration CHECK_INTERVAL = Duration.ofSeconds(5);

    private final BackgroundTasks tasks;
    private final ReadOnlyObjectWrapper<PlatformStatus> status = new ReadOnlyObjectWrapper<>(PlatformStatus.STARTING);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("Starting the embedded platform…");
    private final ReadOnlyStringWrapper platformUrl = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper rebuilt = new ReadOnlyStringWrapper("");
    private PlatformClient client;
    private Future<?> monitor;

    public StatusBarViewModel(BackgroundTasks tasks) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
    }

    /** Starts watching the platform behind {@code client}: one check now, then every interval. */
    public void connect(PlatformClient client, Duration interval) {
        this.client = Objects.requireNonNull(client, "client");
        platformUrl.set(client.baseUrl());
        status.set(PlatformStatus.CHECKING);
        message.set("Checking the platform…");
        stopMonitoring();
        checkNow();
        monitor = tasks.every(interval, this::checkNow);
    }

    /** Before the platform answers: why this start takes longer than usual, in words. */
    public void starting(String words) {
        message.set(words);
    }

    /** The embedded platform could not start; say why, in words. */
    public void platformFailedToStart(Throwable error) {
        message.set("The embedded platform could not start: " + describe(error));
        status.set(PlatformStatus.FAILED_TO_START);
    }

    /**
     * The embedded platform started, but only after rebuilding its damaged database: the user must
     * read what was put back and what to check, so the words stay until dismissed.
     */
    public void platformRebuilt(String words) {
        rebuilt.set(words);
    }

    /** The user has read the rebuild's words. */
    public void dismissRebuilt() {
        rebuilt.set("");
    }

    /** Words about a database the embedded platform rebuilt at start; empty when it did not (or once dismissed). */
    public ReadOnlyStringProperty rebuiltProperty() {
        return rebuilt.getReadOnlyProperty();
    }

    /** Checks health now unless a check is already under way or nothing is connected yet. */
    public void checkNow() {
        if (client == null || checking.get()) {
            return;
        }
        checking.set(true);
        PlatformClient target = client;
        tasks.run(target::health, this::onHealth, this::onFailure);
    }

    public void stopMonitoring() {
        if (monitor != null) {
            monitor.cancel(false);
            monitor = null;
        }
    }

    private void onHealth(HealthResponse health) {
        checking.set(false);
        // Message first, then status: whoever listens to the status reads the matching message.
        if (health.isOk()) {
            message.set("Platform healthy · version " + health.version());
            status.set(PlatformStatus.HEALTHY);
        } else {
            message.set("Platform answered but is not healthy (status " + health.status() + ")");
            status.set(PlatformStatus.UNHEALTHY);
        }
    }

    private void onFailure(Throwable error) {
        checking.set(false);
        boolean unreachable = error instanceof ApiException api && api.isUnreachable();
        message.set(describe(error) + " Retrying every " + CHECK_INTERVAL.toSeconds() + " s.");
        status.set(unreachable ? PlatformStatus.UNREACHABLE : PlatformStatus.UNHEALTHY);
    }

    private static String describe(Throwable error) {
        String text = error.getMessage();
        return text == null || text.isBlank() ? error.getClass().getSimpleName() : text;
    }

    public ReadOnlyObjectProperty<PlatformStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty platformUrlProperty() {
        return platformUrl.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty checkingProperty() {
        return checking.getReadOnlyProperty();
    }
}
