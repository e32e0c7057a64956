package com.royaltydesk.platform.usage;

import java.time.Duration;

/**
 * The bounds ingestion enforces (SPEC §3 anti-fraud). Defaults suit one platform instance; tests
 * lower them to exercise each path.
 *
 * @param maxBatch events per request
 * @param maxTokensPerEvent a larger {@code tokens} is rejected
 * @param maxFutureSkew how far ahead of the platform's clock a timestamp may be
 * @param maxAge events older than this are rejected, which also bounds the dedup window
 * @param requestsPerSecond per-host request rate; over it, 429
 * @param eventsPerMinute per-host event velocity; over it, 429
 * @param burstTokensPerReceipt tokens one receipt may get in one batch before the batch's events
 *     for it are held for review
 */
public record UsageLimits(
        int maxBatch,
        long maxTokensPerEvent,
        Duration maxFutureSkew,
        Duration maxAge,
        int requestsPerSecond,
        long eventsPerMinute,
        long burstTokensPerReceipt) {

    public static final UsageLimits DEFAULTS = new UsageLimits(
            1000, 10_000_000L, Duration.ofMinutes(5), Duration.ofDays(35), 500, 12_000_000L, 200_000_000L);
}
