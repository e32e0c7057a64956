package com.royaltydesk.app.ui.settings;

import com.royaltydesk.app.account.Session;
import com.royaltydesk.app.api.ApiException;
import com.royaltydesk.app.api.BackupWritten;
import com.royaltydesk.app.api.PlatformClient;
import com.royaltydesk.app.concurrency.BackgroundTasks;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Backups of the bundled platform: "Back up now" asks the running platform for a consistent copy
 * of its data folder; "Restore…" chooses a backup to be put in place the next time the app starts
 * (a database is never swapped under a running platform). Only for the bundled sandbox — a remote
 * platform's operator keeps its backups.
 */
public final class BackupsViewModel {

    /** Where a chosen restore is written down, and what the last one did. */
    public interface Restores {
        void schedule(Path backup) throws IOException;

        Optional<String> lastRestore() throws IOException;
    }

    private final BackgroundTasks tasks;
    private final Restores restores;
    private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper(false);
    /** A restore can be chosen while the app uses the bundled platform — above all when it could not start. */
    private final ReadOnlyBooleanWrapper restorable = new ReadOnlyBooleanWrapper(true);

    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private volatile Session session;

    public BackupsViewModel(BackgroundTasks tasks, Restores restores) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.restores = Objects.requireNonNull(restores, "restores");
        tasks.run(restores::lastRestore, last -> last.ifPresent(message::set), error -> {});
    }

    /** Called whenever the app connects anew: backups are offered for the bundled platform only. */
    public void connected(Session now) {
        session = now;
        available.set(now.embedded() && now.sandbox() != null);
        restorable.set(now.embedded());
    }

    public void backUpNow() {
        Session current = session;
        if (!available.get() || busy.get() || current == null) {
            return;
        }
        busy.set(true);
        message.set("Writing a backup…");
        tasks.run(
                () -> {
                    try (PlatformClient platform = PlatformClient.connect(
                            current.baseUrl(), current.sandbox().platformKey())) {
                        return platform.backup();
                    }
                },
                this::written,
                error -> {
                    busy.set(false);
                    message.set("No backup was written: " + describe(error));
                });
    }

    private void written(BackupWritten backup) {
        busy.set(false);
        message.set("Backup written to " + backup.file() + " (" + megabytes(backup.bytes()) + ", SHA-256 "
                + backup.sha256().substring(0, 16) + "…). It holds the key that opens your signing keys:"
                + " keep it as private as the data folder.");
    }

    /** Chooses {@code backup} to be restored when the app next starts. */
    public void restoreAtNextStart(Path backup) {
        if (!restorable.get() || busy.get()) {
            return;
        }
        busy.set(true);
        tasks.run(
                () -> {
                    restores.schedule(backup);
                    return backup;
                },
                chosen -> {
                    busy.set(false);
                    message.set("Chosen: " + chosen + ". Close and open Royalty Desk to restore it; the current"
                            + " database is kept beside it, not deleted.");
                },
                error -> {
                    busy.set(false);
                    message.set("The restore could not be scheduled: " + describe(error));
                });
    }

    private static String megabytes(long bytes) {
        return bytes < 1_000_000
                ? String.format(java.util.Locale.ROOT, "%.0f kB", Math.ceil(bytes / 1_000.0))
                : String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
    }

    private static String describe(Throwable error) {
        return error instanceof ApiException api ? api.getMessage() : String.valueOf(error.getMessage());
    }

    public ReadOnlyBooleanProperty availableProperty() {
        return available.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty restorableProperty() {
        return restorable.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
