package com.royaltydesk.app.api;

import java.math.BigDecimal;
import java.util.List;

/** {@code GET /v1/usage/adjustments}: one page of the corrections booked into a month. */
public record Adjustments(List<Adjustment> adjustments, String nextCursor) {

    /** A voided event: the original kept (its id, host, asset, model and month), the amount taken back, why. */
    public record Adjustment(
            String eventId,
            String hostId,
            String assetId,
            String modelId,
            String originalPeriod,
            BigDecimal amount,
            String currency,
            String reason) {}
}
