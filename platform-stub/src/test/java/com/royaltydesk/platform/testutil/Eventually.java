package com.royaltydesk.platform.testutil;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for what another thread or process makes true, polling, and fails naming it if it never is. */
public final class Eventually {

    private Eventually() {}

    public static void await(BooleanSupplier condition, Duration atMost, String what) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean())
                .as("waited " + atMost.toSeconds() + " s for " + what)
                .isTrue();
    }
}
