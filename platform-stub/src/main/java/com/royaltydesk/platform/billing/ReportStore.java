package com.royaltydesk.platform.billing;

import com.royaltydesk.platform.db.DataAccessException;
import com.royaltydesk.platform.db.Jdbc;
import com.royaltydesk.platform.db.Queries;
import com.royaltydesk.platform.usage.Periods;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The reads behind usage reports, previews and charts: sums over the daily rollups kept at
 * ingestion (never raw events) and over the voids booked into a period. Rows only; what they mean
 * (prices, names, limits) is {@link ReportService}'s.
 */
final class ReportStore {

    /** A report line's sums: one model's use of one asset in one currency. */
    record LineRow(
            String modelId,
            String assetId,
            String currency,
            long events,
            long tokens,
            BigDecimal amount,
            long receiptCount,
            List<String> receiptRefs) {}

    /** One asset's sums in one currency. */
    record AssetRow(String assetId, String currency, long events, long tokens, BigDecimal amount) {}

    /** One series' amount at one point (a day or a month): the series is an asset or a model. */
    record PointRow(String seriesId, String currency, String at, BigDecimal amount) {}

    /** The most receipt ids a report line carries inline; the rest are paged from {@code GET /v1/usage/receipts}. */
    static final int MAX_RECEIPT_REFS = 100;

    private final DataSource dataSource;

    ReportStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Lines ordered by model, asset and currency, from {@code offset}. */
    List<LineRow> lines(String creatorId, String period, int offset, int limit) {
        String sql = "SELECT model_id, asset_id, currency, SUM(events), SUM(tokens), SUM(amount),"
                + " COUNT(DISTINCT receipt_id) FROM usage_rollups"
                + " WHERE creator_id = ? AND period = ? GROUP BY model_id, asset_id, currency"
                + " ORDER BY model_id, asset_id, currency OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, creatorId);
            select.setString(2, period);
            select.setInt(3, offset);
            select.setInt(4, limit);
            List<LineRow> lines = new ArrayList<>();
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    String modelId = r.getString(1);
                    String assetId = r.getString(2);
                    lines.add(new LineRow(
                            modelId,
                            assetId,
                            r.getString(3),
                            r.getLong(4),
                            r.getLong(5),
                            r.getBigDecimal(6),
                            r.getLong(7),
                            receiptRefs(connection, creatorId, period, modelId, assetId)));
                }
            }
            return lines;
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** Adjustments booked into the period, oldest first, from {@code offset}. */
    List<ReportService.Adjustment> adjustments(String creatorId, String period, int offset, int limit) {
        // V17: the host is the event's batch's; asset, model and creator its receipt's; the period its time's month.
        String sql =
                "SELECT e.event_id, b.host_id, r.dataset_id, r.model_id, e.event_time, v.amount, e.currency, v.reason"
                        + " FROM usage_voids v JOIN usage_events e ON e.seq = v.event_seq"
                        + " JOIN receipts r ON r.receipt_id = e.receipt_id JOIN usage_batches b ON b.batch_seq = e.batch_seq"
                        + " WHERE r.creator_id = ? AND v.booked_period = ? ORDER BY v.created_at, v.void_id"
                        + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
        return Queries.list(
                dataSource,
                sql,
                r -> new ReportService.Adjustment(
                        r.getString(1),
                        r.getString(2),
                        r.getString(3),
                        r.getString(4),
                        Periods.of(Jdbc.instant(r.getTimestamp(5))),
                        Money.plain(r.getBigDecimal(6)),
                        r.getString(7),
                        r.getString(8)),
                creatorId,
                period,
                offset,
                limit);
    }

    long adjustmentCount(String creatorId, String period) {
        return Queries.list(
                        dataSource,
                        "SELECT COUNT(*)"
                                + " FROM usage_voids v JOIN usage_events e ON e.seq = v.event_seq"
                                + " JOIN receipts r ON r.receipt_id = e.receipt_id"
                                + " WHERE r.creator_id = ? AND v.booked_period = ?",
                        r -> r.getLong(1),
                        creatorId,
                        period)
                .get(0);
    }

    /** Per currency: every line plus every adjustment of the period, summed in SQL (a total is never paged). */
    Map<String, BigDecimal> totals(String creatorId, String period) {
        Map<String, BigDecimal> totals = new LinkedHashMap<>();
        Queries.list(
                        dataSource,
                        "SELECT currency, SUM(amount) FROM usage_rollups WHERE creator_id = ? AND period = ?"
                                + " GROUP BY currency ORDER BY currency",
                        r -> Map.entry(r.getString(1), r.getBigDecimal(2)),
                        creatorId,
                        period)
                .forEach(sum -> totals.put(sum.getKey(), sum.getValue()));
        Queries.list(
                        dataSource,
                        "SELECT e.currency, SUM(v.amount)"
                                + " FROM usage_voids v JOIN usage_events e ON e.seq = v.event_seq"
                                + " JOIN receipts r ON r.receipt_id = e.receipt_id"
                                + " WHERE r.creator_id = ? AND v.booked_period = ? GROUP BY e.currency",
                        r -> Map.entry(r.getString(1), r.getBigDecimal(2)),
                        creatorId,
                        period)
                .forEach(sum -> totals.merge(sum.getKey(), sum.getValue(), BigDecimal::add));
        return totals;
    }

    /** Sums per asset and currency; more than {@code atMost} rows is {@code tooMany}'s error. */
    List<AssetRow> byAsset(String creatorId, String period, int atMost, Supplier<RuntimeException> tooMany) {
        return Queries.listAtMost(
                dataSource,
                "SELECT asset_id, currency, SUM(events), SUM(tokens), SUM(amount) FROM usage_rollups"
                        + " WHERE creator_id = ? AND period = ? GROUP BY asset_id, currency ORDER BY asset_id, currency",
                atMost,
                tooMany,
                r -> new AssetRow(r.getString(1), r.getString(2), r.getLong(3), r.getLong(4), r.getBigDecimal(5)),
                creatorId,
                period);
    }

    /** Sums per day and currency ({@code series_id} empty); more than {@code atMost} rows is {@code tooMany}'s error. */
    List<PointRow> byDay(String creatorId, String period, int atMost, Supplier<RuntimeException> tooMany) {
        return Queries.listAtMost(
                dataSource,
                "SELECT usage_day, currency, SUM(amount) FROM usage_rollups WHERE creator_id = ? AND period = ?"
                        + " GROUP BY usage_day, currency ORDER BY usage_day, currency",
                atMost,
                tooMany,
                r -> new PointRow("", r.getString(2), r.getDate(1).toLocalDate().toString(), r.getBigDecimal(3)),
                creatorId,
                period);
    }

    /**
     * Sums per asset (or model), currency and point — each day ({@code byDay}, as YYYY-MM-DD) or each
     * month (YYYY-MM) — of the periods {@code from} to {@code to} (inclusive), in that order.
     */
    List<PointRow> series(
            String creatorId,
            String from,
            String to,
            boolean byModel,
            boolean byDay,
            int atMost,
            Supplier<RuntimeException> tooMany) {
        String key = byModel ? "model_id" : "asset_id";
        String point = byDay ? "usage_day" : "period";
        return Queries.listAtMost(
                dataSource,
                "SELECT " + key + ", currency, " + point + ", SUM(amount) FROM usage_rollups"
                        + " WHERE creator_id = ? AND period BETWEEN ? AND ?"
                        + " GROUP BY " + key + ", currency, " + point + " ORDER BY " + key + ", currency, " + point,
                atMost,
                tooMany,
                r -> new PointRow(
                        r.getString(1),
                        r.getString(2).trim(),
                        byDay
                                ? r.getDate(3).toLocalDate().toString()
                                : r.getString(3).trim(),
                        r.getBigDecimal(4)),
                creatorId,
                from,
                to);
    }

    /** {@code assetId}'s months from {@code from} to {@code to} (YYYY-MM, inclusive) that have usage. */
    List<ReportService.AssetMonth> assetMonths(String creatorId, String assetId, String from, String to) {
        return Queries.list(
                dataSource,
                "SELECT period, SUM(events), SUM(tokens), SUM(revenue), SUM(amount) FROM usage_rollups"
                        + " WHERE creator_id = ? AND asset_id = ? AND period BETWEEN ? AND ?"
                        + " GROUP BY period ORDER BY period",
                r -> new ReportService.AssetMonth(
                        r.getString(1).trim(),
                        r.getLong(2),
                        r.getLong(3),
                        Money.plain(r.getBigDecimal(4)),
                        Money.plain(r.getBigDecimal(5))),
                creatorId,
                assetId,
                from,
                to);
    }

    /**
     * What settlement booked for {@code assetId} per settled month — earnings, floor top-up and
     * subscription bonus — in the window; a month missing here was not settled.
     */
    Map<String, BigDecimal> settledAssetEarnings(String creatorId, String assetId, String from, String to) {
        Map<String, BigDecimal> booked = new LinkedHashMap<>();
        Queries.list(
                        dataSource,
                        "SELECT s.period, COALESCE(SUM(l.amount), 0) FROM settlements s LEFT JOIN ledger_entries l"
                                + " ON l.period = s.period AND l.creator_id = ? AND l.asset_id = ? AND l.kind IN (?, ?, ?)"
                                + " WHERE s.period BETWEEN ? AND ? GROUP BY s.period ORDER BY s.period",
                        r -> Map.entry(r.getString(1).trim(), Money.plain(r.getBigDecimal(2))),
                        creatorId,
                        assetId,
                        LedgerLine.EARNED,
                        LedgerLine.FLOOR_TOPUP,
                        LedgerLine.SUBSCRIPTION_BONUS,
                        from,
                        to)
                .forEach(e -> booked.put(e.getKey(), e.getValue()));
        return booked;
    }

    /** The receipts behind one line, in id order from {@code offset}; a line's inline refs are the first of these. */
    List<String> receiptIds(String creatorId, String period, String assetId, String modelId, int offset, int limit) {
        return Queries.list(
                dataSource,
                "SELECT DISTINCT receipt_id FROM usage_rollups WHERE creator_id = ? AND period = ? AND asset_id = ?"
                        + " AND model_id = ? ORDER BY receipt_id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                r -> r.getString(1),
                creatorId,
                period,
                assetId,
                modelId,
                offset,
                limit);
    }

    private static List<String> receiptRefs(
            Connection connection, String creatorId, String period, String modelId, String assetId)
            throws SQLException {
        return Queries.list(
                connection,
                "SELECT DISTINCT receipt_id FROM usage_rollups WHERE creator_id = ? AND period = ? AND model_id = ?"
                        + " AND asset_id = ? ORDER BY receipt_id FETCH FIRST " + MAX_RECEIPT_REFS + " ROWS ONLY",
                r -> r.getString(1),
                creatorId,
                period,
                modelId,
                assetId);
    }
}
