package com.royaltydesk.app.api;

import java.math.BigDecimal;
import java.util.List;

/**
 * {@code GET /v1/usage-report}: one page of a month's usage lines (asset × model), each with the
 * first receipts behind it and how many there are; {@code nextCursor} reads on.
 */
public record UsageReport(String creatorId, String period, List<Line> lineItems, String nextCursor) {

    /** What one asset earned from one model's usage in the month, and the receipts behind it. */
    public record Line(
            String modelId,
            String assetId,
            String priceModel,
            BigDecimal rate,
            long events,
            long tokens,
            BigDecimal amount,
            String currency,
            List<String> receiptRefs,
            long receiptCount) {}
}
