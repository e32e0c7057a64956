package com.royaltydesk.app.api;

import java.time.Instant;
import java.util.List;

/** A webhook endpoint; {@code secret} is set only in the answer that created it. */
public record WebhookEndpoint(
        String endpointId,
        String url,
        List<String> eventTypes,
        String status,
        String disabledReason,
        Instant createdAt,
        String secret) {}
