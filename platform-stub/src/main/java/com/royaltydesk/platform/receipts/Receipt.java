package com.royaltydesk.platform.receipts;

import java.math.BigDecimal;
import java.time.Instant;

/** A stored receipt: the signed JWT, its place in the log, and the facts it attests, for queries. */
public record Receipt(
        String receiptId,
        long logIndex,
        String leafHash,
        String creatorId,
        String datasetId,
        String modelId,
        String artifactHash,
        BigDecimal portionUsed,
        String license,
        String kid,
        String alg,
        String receiptJwt,
        boolean sandbox,
        Instant issuedAt,
        Instant expiresAt) {}
