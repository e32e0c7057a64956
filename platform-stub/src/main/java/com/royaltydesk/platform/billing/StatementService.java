package com.royaltydesk.platform.billing;

import com.royaltydesk.platform.core.ApiException;
import com.royaltydesk.platform.db.DataAccessException;
import com.royaltydesk.platform.db.Queries;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BiFunction;
import javax.sql.DataSource;

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

    private final DataSource dataSource;

    public StatementService(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<Statement> statements(String creatorId, String period, LinePage page) {
        List<Statement> statements = new ArrayList<>();
        int idsPerLine = page == LinePage.ALL ? Integer.MAX_VALUE : RECEIPT_IDS_PER_LINE;
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT currency, settlement_id, opening, payable, paid, carried, carry_reason FROM statements"
                                + " WHERE creator_id = ? AND period = ? ORDER BY currency")) {
            s.setString(1, creatorId);
            s.setString(2, period);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String currency = r.getString(1);
                    if (page.currency() != null && !page.currency().equals(currency)) {
                        continue;
                    }
                    LineSource source = new LineSource(c, creatorId, period, currency, r.getString(2));
                    long usageCount = source.usageCount();
                    long lineCount = usageCount + source.ledgerCount();
                    List<Line> lines = source.page(page.offset(), page.limit(), usageCount, idsPerLine);
                    long next = (long) page.offset() + lines.size();
                    statements.add(new Statement(
                            creatorId,
                            period,
                            currency,
                            r.getString(2),
                            Money.plain(r.getBigDecimal(3)),
                            List.copyOf(lines),
                            lineCount,
                            next < lineCount ? page.cursorFor().apply(currency, (int) next) : null,
                            Money.plain(r.getBigDecimal(4)),
                            Money.roundToMinorUnit(r.getBigDecimal(5), currency),
                            Money.plain(r.getBigDecimal(6)),
                            r.getString(7),
                            source.digest()));
                }
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
        if (statements.isEmpty()) {
            throw ApiException.notFound("No statement for " + creatorId + " in " + period
                    + (page.currency() == null ? "" : " in " + page.currency())
                    + "; the period may not be settled yet.");
        }
        return statements;
    }

    /**
     * The lines of one statement, in their one order: usage lines by asset and model, then the
     * settlement's ledger lines by sequence.
     */
    private record LineSource(Connection c, String creatorId, String period, String currency, String settlementId) {

        private static final String USAGE_GROUPS = "SELECT asset_id, model_id, SUM(events), SUM(tokens), SUM(amount),"
                + " COUNT(DISTINCT receipt_id) FROM usage_rollups WHERE creator_id = ? AND period = ? AND currency = ?"
                + " GROUP BY asset_id, model_id ORDER BY asset_id, model_id";
        private static final String LEDGER = "FROM ledger_entries WHERE creator_id = ? AND period = ? AND currency = ?"
                + " AND kind <> ? AND (ref = ? OR kind IN (?, ?))";

        long usageCount() throws SQLException {
            return count(
                    "SELECT COUNT(*) FROM (SELECT DISTINCT asset_id, model_id FROM usage_rollups"
                            + " WHERE creator_id = ? AND period = ? AND currency = ?) g",
                    creatorId,
                    period,
                    currency);
        }

        long ledgerCount() throws SQLException {
            return count("SELECT COUNT(*) " + LEDGER, ledgerParams());
        }

        private Object[] ledgerParams() {
            return new Object[] {
                creatorId,
                period,
                currency,
                LedgerLine.EARNED,
                settlementId,
                LedgerLine.DISPUTE_HOLD,
                LedgerLine.PAYOUT_RETURNED
            };
        }

        private long count(String sql, Object... params) throws SQLException {
            return Queries.list(c, sql, r -> r.getLong(1), params).get(0);
        }

        List<Line> page(int offset, int limit, long usageCount, int idsPerLine) throws SQLException {
            List<Line> lines = new ArrayList<>();
            if (offset < usageCount) {
                List<Object[]> groups = Queries.list(
                        c,
                        USAGE_GROUPS + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                        r -> new Object[] {
                            r.getString(1), r.getString(2), r.getLong(3), r.getLong(4), r.getBigDecimal(5), r.getLong(6)
                        },
                        creatorId,
                        period,
                        currency,
                        offset,
                        limit);
                for (Object[] g : groups) {
                    lines.add(new Line(
                            "usage",
                            (String) g[0],
                            (String) g[1],
                            receipts((String) g[0], (String) g[1], idsPerLine),
                            (Long) g[5],
                            (Long) g[2],
                            (Long) g[3],
                            Money.plain((BigDecimal) g[4]),
                            currency,
                            null));
                }
            }
            int left = limit - lines.size();
            if (left > 0) {
                long ledgerOffset = Math.max(0, offset - usageCount);
                Object[] params = java.util.Arrays.copyOf(ledgerParams(), 9);
                params[7] = ledgerOffset;
                params[8] = left;
                lines.addAll(Queries.list(
                        c,
                        "SELECT kind, asset_id, amount, ref " + LEDGER
                                + " ORDER BY seq OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                        this::ledgerLine,
                        params));
            }
            return lines;
        }

        private Line ledgerLine(ResultSet r) throws SQLException {
            return new Line(
                    r.getString(1),
                    r.getString(2),
                    null,
                    List.of(),
                    0,
                    0,
                    0,
                    Money.plain(r.getBigDecimal(3)),
                    currency,
                    r.getString(4));
        }

        private List<String> receipts(String assetId, String modelId, int max) throws SQLException {
            return Queries.list(
                    c,
                    "SELECT DISTINCT receipt_id FROM usage_rollups WHERE creator_id = ? AND period = ? AND currency = ?"
                            + " AND asset_id = ? AND model_id = ? ORDER BY receipt_id FETCH FIRST ? ROWS ONLY",
                    r -> r.getString(1),
                    creatorId,
                    period,
                    currency,
                    assetId,
                    modelId,
                    max);
        }

        /**
         * SHA-256 over the canonical form of every line with every receipt, streamed: usage groups
         * and their receipts are read in the same order and merged, so no list is held or cut.
         */
        String digest() throws SQLException {
            MessageDigest sha = sha256();
            try (PreparedStatement groups = c.prepareStatement(USAGE_GROUPS);
                    PreparedStatement receipts = c.prepareStatement("SELECT DISTINCT asset_id, model_id, receipt_id"
                            + " FROM usage_rollups WHERE creator_id = ? AND period = ? AND currency = ?"
                            + " ORDER BY asset_id, model_id, receipt_id")) {
                for (PreparedStatement s : List.of(groups, receipts)) {
                    s.setString(1, creatorId);
                    s.setString(2, period);
                    s.setString(3, currency);
                }
                try (ResultSet g = groups.executeQuery();
                        ResultSet rr = receipts.executeQuery()) {
                    boolean more = rr.next();
                    while (g.next()) {
                        List<String> ids = new ArrayList<>();
                        while (more
                                && rr.getString(1).equals(g.getString(1))
                                && rr.getString(2).equals(g.getString(2))) {
                            ids.add(rr.getString(3));
                            more = rr.next();
                        }
                        Line line = new Line(
                                "usage",
                                g.getString(1),
                                g.getString(2),
                                ids,
                                ids.size(),
                                g.getLong(3),
                                g.getLong(4),
                                Money.plain(g.getBigDecimal(5)),
                                currency,
                                null);
                        sha.update(canonicalLine(line).getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
            Object[] params = ledgerParams();
            try (PreparedStatement ledger =
                    c.prepareStatement("SELECT kind, asset_id, amount, ref " + LEDGER + " ORDER BY seq")) {
                for (int i = 0; i < params.length; i++) {
                    ledger.setObject(i + 1, params[i]);
                }
                try (ResultSet r = ledger.executeQuery()) {
                    while (r.next()) {
                        sha.update(canonicalLine(ledgerLine(r)).getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        }
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
