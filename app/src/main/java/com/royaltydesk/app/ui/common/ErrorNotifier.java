package com.royaltydesk.app.ui.common;

import com.royaltydesk.app.api.ApiException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import javafx.geometry.Pos;
import javafx.stage.Window;
import org.controlsfx.control.Notifications;

/**
 * Shows each failure of background work as a ControlsFX notification in the window, in the words
 * the platform or the system gave. The same message is shown at most once a minute, so a
 * platform that went away does not bury the window under identical notes.
 */
public final class ErrorNotifier {

    static final Duration QUIET = Duration.ofSeconds(60);

    private final Window owner;
    private final LongSupplier nanoTime;
    private final Map<String, Long> lastShown = new HashMap<>();

    public ErrorNotifier(Window owner) {
        this(owner, System::nanoTime);
    }

    ErrorNotifier(Window owner, LongSupplier nanoTime) {
        this.owner = owner;
        this.nanoTime = nanoTime;
    }

    /** Called on the FX thread for every failure. */
    public void show(Throwable error) {
        String text = message(error);
        long now = nanoTime.getAsLong();
        Long before = lastShown.get(text);
        if (before != null && now - before < QUIET.toNanos()) {
            return;
        }
        lastShown.put(text, now);
        Notifications.create()
                .owner(owner)
                .title(title(error))
                .text(text)
                .position(Pos.BOTTOM_RIGHT)
                .hideAfter(javafx.util.Duration.seconds(8))
                .showError();
    }

    static String title(Throwable error) {
        if (error instanceof ApiException api) {
            return api.isUnreachable() ? "Platform not reachable" : "The platform said no";
        }
        return "Something went wrong";
    }

    static String message(Throwable error) {
        String text = error.getMessage();
        return text == null || text.isBlank() ? error.getClass().getSimpleName() : text;
    }
}
