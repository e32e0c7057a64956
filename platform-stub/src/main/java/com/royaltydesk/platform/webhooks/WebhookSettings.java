package com.royaltydesk.platform.webhooks;

import java.time.Duration;

/**
 * How deliveries are retried. Backoff doubles from {@code firstRetry} up to {@code maxRetry}, with
 * ±20% jitter, until {@code giveUpAfter} has passed since the event; then the delivery is failed.
 *
 * @param allowPrivateTargets accept loopback and private addresses (always true in sandbox mode)
 */
public record WebhookSettings(
        Duration firstRetry,
        Duration maxRetry,
        Duration giveUpAfter,
        Duration attemptTimeout,
        Duration pollInterval,
        Duration lease,
        boolean allowPrivateTargets) {

    /** The same settings, with loopback and private targets allowed. */
    public WebhookSettings allowingPrivateTargets() {
        return new WebhookSettings(firstRetry, maxRetry, giveUpAfter, attemptTimeout, pollInterval, lease, true);
    }

    /** The same settings with another lease: how long an instance holds a delivery it is attempting. */
    public WebhookSettings withLease(Duration newLease) {
        return new WebhookSettings(
                firstRetry, maxRetry, giveUpAfter, attemptTimeout, pollInterval, newLease, allowPrivateTargets);
    }

    public static final WebhookSettings DEFAULTS = new WebhookSettings(
            Duration.ofSeconds(5),
            Duration.ofHours(1),
            Duration.ofHours(25),
            Duration.ofSeconds(10),
            Duration.ofMillis(250),
            Duration.ofSeconds(60),
            false);
}
