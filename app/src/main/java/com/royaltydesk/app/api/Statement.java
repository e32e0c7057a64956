package com.royaltydesk.app.api;

import java.math.BigDecimal;
import java.util.List;

/** A settled period's statement in one currency, exactly as the platform computed and digested it. */
public record Statement(
        String creatorId,
        String period,
        String currency,
        String settlementId,
        BigDecimal openingBalance,
        List<Line> lines,
        BigDecimal payable,
        BigDecimal paid,
        BigDecimal carried,
        String carryReason,
        String digest) {

    /** One line: usage of an asset by a model, or a ledger entry (top-up, bonus, adjustment, hold, payout). */
    public record Line(
            String kind,
            String assetId,
            String modelId,
            List<String> receiptIds,
            long events,
            long tokens,
            BigDecimal amount,
            String currency,
            String ref) {}
}
