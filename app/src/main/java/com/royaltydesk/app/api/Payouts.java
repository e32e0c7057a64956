package com.royaltydesk.app.api;

import java.math.BigDecimal;
import java.util.List;

/** {@code GET /v1/payouts}. */
public record Payouts(List<Payout> payouts) {

    /** One payout with its status and transfer reference. */
    public record Payout(
            String payoutId,
            String creatorId,
            String period,
            BigDecimal amount,
            String currency,
            String status,
            String method,
            String txRef,
            String failureReason) {}
}
