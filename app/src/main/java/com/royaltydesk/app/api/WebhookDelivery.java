package com.royaltydesk.app.api;

import java.time.Instant;
import java.util.List;

/** One event's delivery to one endpoint, with every attempt made so far. */
public record WebhookDelivery(
        String deliveryId,
        String endpointId,
        String eventId,
        String eventType,
        String status,
        int attempts,
        Instant nextAttemptAt,
        Integer lastStatusCode,
        String lastError,
        Instant createdAt,
        List<Attempt> log) {

    /** One attempt: the receiver's status code, or why there was none. */
    public record Attempt(Instant attemptedAt, Integer statusCode, String error, long durationMs) {}
}
