package com.royaltydesk.platform.billing;

import com.royaltydesk.platform.db.Queries;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The reads behind statements: the settled statement rows, and their lines in their one order. */
final class StatementStore {

    /** A statement as settlement stored it, for one currency. */
    record Stored(
            String currency,
            String settlementId,
            BigDecimal opening,
            BigDecimal payable,
            BigDecimal paid,
            BigDecimal carried,
            String carryReason) {}

    private StatementStore() {}

    /** The creator's statements of {@code period}, one per currency, in currency order. */
    static List<Stored> statements(Connection c, String creatorId, String period) throws SQLException {
        return Queries.list(
                c,
                "SELECT currency, settlement_id, opening, payable, paid, carried, carry_reason FROM statements"
                        + " WHERE creator_id = ? AND period = ? ORDER BY currency",
                r -> new Stored(
                        r.getString(1),
                        r.getString(2),
                        r.getBigDecimal(3),
                        r.getBigDecimal(4),
                        r.getBigDecimal(5),
                        r.getBigDecimal(6),
                        r.getString(7)),
                creatorId,
                period);
    }

    /**
     * The lines of one statement, in their one order: usage lines by asset and model, then the
     * settlement's ledger lines by sequence.
     */
    record Lines(Connection c, String creatorId, String period, String currency, String settlementId) {

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

        List<StatementService.Line> page(int offset, int limit, long usageCount, int idsPerLine) throws SQLException {
            List<StatementService.Line> lines = new ArrayList<>();
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
                    lines.add(new StatementService.Line(
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

        private StatementService.Line ledgerLine(ResultSet r) throws SQLException {
            return new StatementService.Line(
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
         * Every line with every receipt, in order, to {@code each}, streamed: usage groups and their
         * receipts are read in the same order and merged, so no list is held or cut.
         */
        void each(Consumer<StatementService.Line> each) throws SQLException {
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
                        StatementService.Line line = new StatementService.Line(
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
                        each.accept(line);
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
                        each.accept(ledgerLine(r));
                    }
                }
            }
        }
    }
}
