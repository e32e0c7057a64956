package com.royaltydesk.app;

import com.royaltydesk.app.ui.status.PlatformStatus;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.value.ObservableValue;

/**
 * {@code --smoke-test}: the installed app proves it works — embedded platform started, window
 * shown, health checked through the real client — and exits 0, or 1 if the platform fails or is
 * not healthy within the time limit. Used by the installer build on the built app image.
 */
final class SmokeTest {

    static final Duration LIMIT = Duration.ofSeconds(90);

    /** Read by {@link Launcher} after the toolkit exits; JavaFX offers no other way out of launch(). */
    static final AtomicInteger EXIT_CODE = new AtomicInteger(1);

    private SmokeTest() {}

    static void watch(ObservableValue<PlatformStatus> status, ObservableValue<String> message) {
        status.addListener((obs, old, now) -> {
            if (now == PlatformStatus.HEALTHY) {
                finish(
                        0,
                        "smoke test passed: " + message.getValue() + " · "
                                + ProcessFigures.summary() + " · "
                                + StartupTimeline.summary());
            } else if (now == PlatformStatus.FAILED_TO_START) {
                finish(1, "smoke test failed: " + message.getValue());
            }
        });
        PauseTransition timeout = new PauseTransition(javafx.util.Duration.millis(LIMIT.toMillis()));
        timeout.setOnFinished(event -> finish(
                1, "smoke test failed: not healthy within " + LIMIT.toSeconds() + " s (" + message.getValue() + ")"));
        timeout.play();
    }

    private static void finish(int code, String line) {
        EXIT_CODE.set(code);
        System.out.println(line);
        Platform.exit();
    }
}
