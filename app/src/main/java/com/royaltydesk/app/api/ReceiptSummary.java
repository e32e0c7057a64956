package com.royaltydesk.app.api;

import java.time.Instant;

/** One receipt as the platform lists it. */
public record ReceiptSummary(
        String receiptId,
        String kid,
        String alg,
        String receiptJwt,
        long logIndex,
        String creatorId,
        String datasetId,
        String modelId,
        boolean sandbox,
        Instant issuedAt,
        Instant expiresAt) {}
