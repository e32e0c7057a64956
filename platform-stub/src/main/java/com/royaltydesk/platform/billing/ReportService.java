package com.royaltydesk.platform.billing;

import com.royaltydesk.platform.assets.Asset;
import com.royaltydesk.platform.assets.AssetService;
import com.royaltydesk.platform.assets.PriceModel;
import com.royaltydesk.platform.core.ApiException;
import com.royaltydesk.platform.db.DataAccessException;
import com.royaltydesk.platform.db.Queries;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Usage reports and billing previews, read from the daily rollups kept at ingestion (never from
 * raw events), plus voids booked into the period as adjustment lines.
 */
public final class ReportService {

    /** One report line: a model's use of one asset in the period. */
    public record LineItem(
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

    /** One page of the receipts behind a line: every receipt whose usage the line sums. */
    public record ReceiptPage(List<String> receiptIds, String nextCursor) {}

    /** One page of the adjustments booked into a period. */
    public record AdjustmentPage(List<Adjustment> adjustments, String nextCursor) {}

    /** A correction booked into the period: a voided event, as a negative amount. */
    public record Adjustment(
            String eventId,
            String hostId,
            String assetId,
            String modelId,
            String originalPeriod,
            BigDecimal amount,
            String currency,
            String reason) {}

    /** A currency's total: lines plus adjustments. */
    public record Total(String currency, BigDecimal total) {}

    /** The seed's report shape plus totals per currency, adjustments and a cursor. */
    public record UsageReport(
            String creatorId,
            String period,
            List<LineItem> lineItems,
            List<Adjustment> adjustments,
            long adjustmentCount,
            String adjustmentsNextCursor,
            BigDecimal total,
            String currency,
            List<Total> totals,
            String nextCursor) {}

    /** Earnings of one asset in the open period. */
    public record AssetEarnings(
            String assetId,
            String name,
            String priceModel,
            long events,
            long tokens,
            BigDecimal amount,
            String currency) {}

    /** Earnings of one day. */
    public record DayEarnings(LocalDate day, BigDecimal amount, String currency) {}

    /** One day's earnings of one series. */
    public record Point(LocalDate day, BigDecimal amount) {}

    /** One asset's or model's earnings by day in a period. */
    public record Series(String key, String label, String currency, List<Point> points) {}

    /** One month's usage earnings in a by-month series. */
    public record MonthPoint(String period, BigDecimal amount) {}

    /** One asset's or model's usage earnings month by month, in one currency. */
    public record MonthSeries(String key, String label, String currency, List<MonthPoint> points) {}

    /** The longest window {@link #earningsByMonth} covers (months, both ends included). */
    public static final int MAX_MONTHS = 24;

    private static final int MAX_RECEIPT_REFS = 100;
    /** Documented maxima (OpenAPI): beyond them the answer is a 422 naming the limit, never a cut. */
    static final int MAX_PREVIEW_ASSETS = 1000;

    static final int MAX_DAY_ROWS = 1000;
    static final int MAX_CHART_POINTS = 20_000;

    private final DataSource dataSource;
    private final AssetService assets;

    public ReportService(DataSource dataSource, AssetService assets) {
        this.dataSource = dataSource;
        this.assets = assets;
    }

    /** Lines ordered by model, asset and currency; {@code offset}/{@code limit} page through them. */
    public List<LineItem> lines(String creatorId, String period, int offset, int limit) {
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
            List<LineItem> lines = new ArrayList<>();
            Map<String, PriceModel> prices = new java.util.HashMap<>(); // an asset's lines share its month's price
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    String modelId = r.getString(1);
                    String assetId = r.getString(2);
                    PriceModel model =
                            prices.computeIfAbsent(assetId, id -> assets.priceIn(assets.get(null, id), period));
                    lines.add(new LineItem(
                            modelId,
                            assetId,
                            model.type(),
                            rateOf(model),
                            r.getLong(4),
                            r.getLong(5),
                            Money.plain(r.getBigDecimal(6)),
                            r.getString(3),
                            receiptRefs(connection, creatorId, period, modelId, assetId),
                            r.getLong(7)));
                }
            }
            return lines;
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** Adjustments booked into the period, oldest first, from {@code offset}. */
    public List<Adjustment> adjustments(String creatorId, String period, int offset, int limit) {
        String sql = "SELECT e.event_id, e.host_id, e.asset_id, e.model_id, e.period, v.amount, e.currency, v.reason"
                + " FROM usage_voids v JOIN usage_events e ON e.seq = v.event_seq"
                + " WHERE e.creator_id = ? AND v.booked_period = ? ORDER BY v.created_at, v.void_id"
                + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
        return Queries.list(
                dataSource,
                sql,
                r -> new Adjustment(
                        r.getString(1),
                        r.getString(2),
                        r.getString(3),
                        r.getString(4),
                        r.getString(5),
                        Money.plain(r.getBigDecimal(6)),
                        r.getString(7),
                        r.getString(8)),
                creatorId,
                period,
                offset,
                limit);
    }

    public long adjustmentCount(String creatorId, String period) {
        return Queries.list(
                        dataSource,
                        "SELECT COUNT(*) FROM usage_voids v JOIN usage_events e ON e.seq = v.event_seq"
                                + " WHERE e.creator_id = ? AND v.booked_period = ?",
                        r -> r.getLong(1),
                        creatorId,
                        period)
                .get(0);
    }

    /** Totals per currency over all lines and adjustments of the period. */
    public List<Total> totals(String creatorId, String period) {
        Map<String, BigDecimal> totals = new LinkedHashMap<>();
        String sql = "SELECT currency, SUM(amount) FROM usage_rollups WHERE creator_id = ? AND period = ?"
                + " GROUP BY currency ORDER BY currency";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, creatorId);
            select.setString(2, period);
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    totals.put(r.getString(1), r.getBigDecimal(2));
                }
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
        // Every adjustment, summed in SQL: a list would be paged, a total must not be.
        for (Adjustment sum : Queries.list(
                dataSource,
                "SELECT e.currency, SUM(v.amount) FROM usage_voids v JOIN usage_events e ON e.seq = v.event_seq"
                        + " WHERE e.creator_id = ? AND v.booked_period = ? GROUP BY e.currency",
                r -> new Adjustment(null, null, null, null, null, r.getBigDecimal(2), r.getString(1), null),
                creatorId,
                period)) {
            totals.merge(sum.currency(), sum.amount(), BigDecimal::add);
        }
        return totals.entrySet().stream()
                .map(t -> new Total(t.getKey(), Money.plain(t.getValue())))
                .toList();
    }

    public List<AssetEarnings> byAsset(String creatorId, String period) {
        String sql = "SELECT asset_id, currency, SUM(events), SUM(tokens), SUM(amount) FROM usage_rollups"
                + " WHERE creator_id = ? AND period = ? GROUP BY asset_id, currency ORDER BY asset_id, currency";
        return Queries.listAtMost(
                dataSource,
                sql,
                MAX_PREVIEW_ASSETS,
                () -> ApiException.limitExceeded("The billing preview lists at most " + MAX_PREVIEW_ASSETS
                        + " assets and this period has more; read them all, paged, from GET /v1/usage-report."),
                r -> {
                    Asset asset = assets.get(null, r.getString(1));
                    return new AssetEarnings(
                            asset.assetId(),
                            asset.name(),
                            assets.priceIn(asset, period).type(),
                            r.getLong(3),
                            r.getLong(4),
                            Money.plain(r.getBigDecimal(5)),
                            r.getString(2));
                },
                creatorId,
                period);
    }

    public List<DayEarnings> byDay(String creatorId, String period) {
        String sql = "SELECT usage_day, currency, SUM(amount) FROM usage_rollups WHERE creator_id = ? AND period = ?"
                + " GROUP BY usage_day, currency ORDER BY usage_day, currency";
        return Queries.listAtMost(
                dataSource,
                sql,
                MAX_DAY_ROWS,
                () -> ApiException.limitExceeded("The billing preview's by_day holds at most " + MAX_DAY_ROWS
                        + " day-and-currency rows (31 days in up to 32 currencies) and this period has more."),
                r -> new DayEarnings(r.getDate(1).toLocalDate(), Money.plain(r.getBigDecimal(3)), r.getString(2)),
                creatorId,
                period);
    }

    /** Earnings by day, one series per asset or per model ({@code byModel}), for charts. */
    public List<Series> earningsByDay(String creatorId, String period, boolean byModel) {
        String key = byModel ? "model_id" : "asset_id";
        String sql = "SELECT " + key
                + ", currency, usage_day, SUM(amount) FROM usage_rollups WHERE creator_id = ? AND period = ?"
                + " GROUP BY " + key + ", currency, usage_day ORDER BY " + key
                + ", currency, usage_day";
        record Row(String id, String currency, LocalDate day, BigDecimal amount) {}
        List<Row> rows = Queries.listAtMost(
                dataSource,
                sql,
                MAX_CHART_POINTS,
                () -> ApiException.limitExceeded("Earnings by day hold at most " + MAX_CHART_POINTS
                        + " points (series × days) and this period has more; read the usage report, paged, instead."),
                r -> new Row(r.getString(1), r.getString(2), r.getDate(3).toLocalDate(), r.getBigDecimal(4)),
                creatorId,
                period);
        Map<String, Series> series = new LinkedHashMap<>();
        for (Row row : rows) {
            Series line = series.computeIfAbsent(
                    row.id() + "|" + row.currency(),
                    k -> new Series(
                            row.id(),
                            byModel ? row.id() : assets.get(null, row.id()).name(),
                            row.currency(),
                            new ArrayList<>()));
            line.points().add(new Point(row.day(), Money.plain(row.amount())));
        }
        return List.copyOf(series.values());
    }

    /**
     * Usage earnings month by month from {@code from} to {@code to} (YYYY-MM, inclusive, at most
     * {@link #MAX_MONTHS}), one series per asset or model: what usage earned at the prices in force,
     * before the floors and pool bonuses a settlement adds.
     */
    public List<MonthSeries> earningsByMonth(String creatorId, String from, String to, boolean byModel) {
        String key = byModel ? "model_id" : "asset_id";
        Map<String, MonthSeries> series = new LinkedHashMap<>();
        Queries.listAtMost(
                        dataSource,
                        "SELECT " + key + ", currency, period, SUM(amount) FROM usage_rollups"
                                + " WHERE creator_id = ? AND period BETWEEN ? AND ?"
                                + " GROUP BY " + key + ", currency, period ORDER BY " + key + ", currency, period",
                        MAX_CHART_POINTS,
                        () -> ApiException.limitExceeded("Monthly earnings hold at most " + MAX_CHART_POINTS
                                + " points (series × months) and this window has more; ask for fewer months."),
                        r -> new String[] {
                            r.getString(1),
                            r.getString(2).trim(),
                            r.getString(3).trim(),
                            r.getBigDecimal(4).toPlainString()
                        },
                        creatorId,
                        from,
                        to)
                .forEach(row -> series.computeIfAbsent(
                                row[0] + "|" + row[1],
                                k -> new MonthSeries(
                                        row[0],
                                        byModel
                                                ? row[0]
                                                : assets.get(null, row[0]).name(),
                                        row[1],
                                        new ArrayList<>()))
                        .points()
                        .add(new MonthPoint(row[2], Money.plain(new BigDecimal(row[3])))));
        return List.copyOf(series.values());
    }

    /** One asset's usage in one month, summed from the rollups: what a price simulation is computed from. */
    public record AssetMonth(String period, long events, long tokens, BigDecimal revenue, BigDecimal amount) {}

    /** {@code assetId}'s months from {@code from} to {@code to} (YYYY-MM, inclusive) that have usage. */
    public List<AssetMonth> assetMonths(String creatorId, String assetId, String from, String to) {
        return Queries.list(
                dataSource,
                "SELECT period, SUM(events), SUM(tokens), SUM(revenue), SUM(amount) FROM usage_rollups"
                        + " WHERE creator_id = ? AND asset_id = ? AND period BETWEEN ? AND ?"
                        + " GROUP BY period ORDER BY period",
                r -> new AssetMonth(
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
     * subscription bonus — in the same window; a month missing here was not settled.
     */
    public Map<String, BigDecimal> settledAssetEarnings(String creatorId, String assetId, String from, String to) {
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

    /**
     * The receipts behind one line (creator, period, asset, model), in id order from {@code offset};
     * the line's {@code receipt_refs} are the first of these.
     */
    public List<String> receiptIds(
            String creatorId, String period, String assetId, String modelId, int offset, int limit) {
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

    static BigDecimal rateOf(PriceModel model) {
        return switch (model.type()) {
            case "per_use", "floor_plus" -> model.rate();
            case "rev_share" -> model.share();
            default -> null;
        };
    }
}
