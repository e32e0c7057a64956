package com.royaltydesk.platform.billing;

import com.royaltydesk.platform.core.ApiException;
import com.royaltydesk.platform.db.Jdbc;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A creator's statement for a settled period: every line traceable to its asset, model, receipts
 * and event counts (usage) or to the ledger entry it is (top-ups, bonus, adjustments, holds,
 * payout), the carry, and a digest anyone can recompute (see {@link #canonicalLine}) over every
 * line and receipt — the JSON pages lines and names a line's first receipts, but nothing is left
 * out of the digest or the exports.
 */
public final class StatementService {

    /**
     * One statement line. A usage line names up to {@link #RECEIPT_IDS_PER_LINE} of its receipts
     * and how many it has ({@code receiptCount}); the rest are paged by {@code GET /v1/usage/receipts}.
     */
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
            String ref) {}

    /**
     * The statement of one currency. {@code lines} is one page of its {@code lineCount} lines;
     * {@code linesNextCursor} asks for the next. The digest covers every line and every receipt.
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
            String digest) {}

    /**
     * Which lines to return: those of {@code currency} (null: every currency), from {@code offset},
     * at most {@code limit}; {@code cursorFor(currency, nextOffset)} names the page after.
     */
    public record LinePage(String currency, int offset, int limit, BiFunction<String, Integer, String> cursorFor) {
        /** Every line at once, for exports. */
        public static final LinePage ALL = new LinePage(null, 0, Integer.MAX_VALUE, (currency, next) -> null);
    }

    /** At most this many receipt ids inside a JSON line; exports carry them all. */
    public static final int RECEIPT_IDS_PER_LINE = 100;

    private final Jdbc jdbc;

    public StatementService(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public List<Statement> statements(String creatorId, String period, LinePage page) {
        int idsPerLine = page == LinePage.ALL ? Integer.MAX_VALUE : RECEIPT_IDS_PER_LINE;
        List<Statement> statements = jdbc.read(c -> {
            List<Statement> found = new ArrayList<>();
            for (StatementStore.Stored stored : StatementStore.statements(c, creatorId, period)) {
                String currency = stored.currency();
                if (page.currency() != null && !page.currency().equals(currency)) {
                    continue;
                }
                StatementStore.Lines source =
                        new StatementStore.Lines(c, creatorId, period, currency, stored.settlementId());
                long usageCount = source.usageCount();
                long lineCount = usageCount + source.ledgerCount();
                List<Line> lines = source.page(page.offset(), page.limit(), usageCount, idsPerLine);
                long next = (long) page.offset() + lines.size();
                found.add(new Statement(
                        creatorId,
                        period,
                        currency,
                        stored.settlementId(),
                        Money.plain(stored.opening()),
                        List.copyOf(lines),
                        lineCount,
                        next < lineCount ? page.cursorFor().apply(currency, (int) next) : null,
                        Money.plain(stored.payable()),
                        Money.roundToMinorUnit(stored.paid(), currency),
                        Money.plain(stored.carried()),
                        stored.carryReason(),
                        digest(source)));
            }
            return found;
        });
        if (statements.isEmpty()) {
            throw ApiException.notFound("No statement for " + creatorId + " in " + period
                    + (page.currency() == null ? "" : " in " + page.currency())
                    + "; the period may not be settled yet.");
        }
        return statements;
    }

    /** SHA-256 over the canonical form of every line with every receipt ({@link #canonicalLine}). */
    private static String digest(StatementStore.Lines source) throws SQLException {
        MessageDigest sha = sha256();
        source.each(line -> sha.update(canonicalLine(line).getBytes(StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * The canonical form of a line for the digest: its fields joined with {@code |} — kind, asset id,
     * model id, receipt ids joined with {@code ,}, events, tokens, amount (plain decimal, no
     * trailing zeros, "0" for zero), currency, ref — empty where absent, UTF-8, one line per
     * statement line with {@code \n} after each. The digest is lowercase hex SHA-256 of all lines.
     */
    public static String canonicalLine(Line line) {
        return String.join(
                        "|",
                        line.kind(),
                        nullToEmpty(line.assetId()),
                        nullToEmpty(line.modelId()),
                        String.join(",", line.receiptIds()),
                        Long.toString(line.events()),
                        Long.toString(line.tokens()),
                        Money.plain(line.amount()).toPlainString(),
                        line.currency(),
                        nullToEmpty(line.ref()))
                + "\n";
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
