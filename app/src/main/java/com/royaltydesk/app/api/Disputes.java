package com.royaltydesk.app.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** {@code GET /v1/disputes}: one page of the creator's disputes, newest first. */
public record Disputes(List<Dispute> disputes, String nextCursor) {

    /**
     * A dispute over a receipt: while {@code open}, what the receipt earns is held out of payouts
     * ({@code heldAmount} so far, taken at each settlement); resolved, it is released or forfeited.
     */
    public record Dispute(
            String disputeId,
            String receiptId,
            String reason,
            String openedBy,
            String status,
            String outcome,
            BigDecimal heldAmount,
            Instant createdAt,
            Instant resolvedAt) {}
}
