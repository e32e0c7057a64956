package com.royaltydesk.app.api;

import java.math.BigDecimal;
import java.util.List;

/**
 * A settled period's statement in one currency, exactly as the platform computed and digested it.
 * The platform pages {@code lines} ({@code linesNextCursor}) and names a line's first receipts
 * ({@code receiptCount} says how many); {@link PlatformClient#statements} fetches the rest.
 */
public record Statement(
        String creatorId,
        String period,
        String currency,
        String settlementId,
        BigDecimal openingBalance,
        List<Line> lines,
        long lineCount,
        String linesNextCursor,
        BigDecimal payable,
        BigDecimal paid,
        BigDecimal carried,
        String carryReason,
        String digest) {

    /** The same statement with every line, each naming every receipt. */
    public Statement complete(List<Line> allLines) {
        return new Statement(
                creatorId,
                period,
                currency,
                settlementId,
                openingBalance,
                List.copyOf(allLines),
                allLines.size(),
                null,
                payable,
                paid,
                carried,
                carryReason,
                digest);
    }

    /** One line: usage of an asset by a model, or a ledger entry (top-up, bonus, adjustment, hold, payout). */
    public record Line(
            String kind,
            String assetId,
            String modelId,
            List<String> receiptIds,
            long receiptCount,
            long events,
            long tokens,
            BigDecimal amount,
            String currency,
            String ref) {

        /** True when the platform named only the first of this line's receipts. */
        public boolean receiptsCut() {
            return receiptCount > receiptIds.size();
        }

        public Line withReceiptIds(List<String> all) {
            return new Line(
                    kind, assetId, modelId, List.copyOf(all), all.size(), events, tokens, amount, currency, ref);
        }
    }
}
