package com.royaltydesk.app.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** {@code GET /v1/billing-preview}: the open period so far, exact and as it would be paid. */
public record BillingPreview(
        String creatorId,
        String period,
        Instant asOf,
        BigDecimal total,
        BigDecimal totalRounded,
        String currency,
        List<AssetEarnings> byAsset) {}
