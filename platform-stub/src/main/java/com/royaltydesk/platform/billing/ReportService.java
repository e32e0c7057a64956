package com.royaltydesk.platform.billing;

import com.royaltydesk.platform.assets.Asset;
import com.royaltydesk.platform.assets.AssetService;
import com.royaltydesk.platform.assets.PriceModel;
import com.royaltydesk.platform.core.ApiException;
import com.royaltydesk.platform.usage.Periods;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.LongFunction;
import javax.sql.DataSource;

/**
 * Usage reports, billing previews and earnings charts, from the daily rollups kept at ingestion
 * (never from raw events) plus voids booked into the period as adjustment lines: prices, names,
 * headline totals, windows and limits here, the reads in {@link ReportStore}.
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

    /** The open period so far: totals, by asset and by day. */
    public record BillingPreview(
            String creatorId,
            String period,
            Instant asOf,
            BigDecimal total,
            BigDecimal totalRounded,
            String currency,
            List<Total> totals,
            List<AssetEarnings> byAsset,
            List<DayEarnings> byDay) {}

    /** Earnings by day for charts. */
    public record Earnings(String creatorId, String period, String groupBy, List<Series> series) {}

    /** {@code GET /v1/earnings/monthly}. */
    public record MonthlyEarnings(String creatorId, String from, String to, String groupBy, List<MonthSeries> series) {}

    /** The longest window {@link #earningsByMonth} covers (months, both ends included). */
    public static final int MAX_MONTHS = 24;

    /** Adjustments shown on a report's first page; the rest are paged from {@code GET /v1/usage/adjustments}. */
    static final int ADJUSTMENTS_INLINE = 100;
    /** Documented maxima (OpenAPI): beyond them the answer is a 422 naming the limit, never a cut. */
    static final int MAX_PREVIEW_ASSETS = 1000;

    static final int MAX_DAY_ROWS = 1000;
    static final int MAX_CHART_POINTS = 20_000;

    private final ReportStore store;
    private final AssetService assets;

    public ReportService(DataSource dataSource, AssetService assets) {
        this.store = new ReportStore(dataSource);
        this.assets = assets;
    }

    /** Lines ordered by model, asset and currency; {@code offset}/{@code limit} page through them. */
    public List<LineItem> lines(String creatorId, String period, int offset, int limit) {
        Map<String, PriceModel> prices = new HashMap<>(); // an asset's lines share its month's price
        return store.lines(creatorId, period, offset, limit).stream()
                .map(line -> {
                    PriceModel model =
                            prices.computeIfAbsent(line.assetId(), id -> assets.priceIn(assets.get(null, id), period));
                    return new LineItem(
                            line.modelId(),
                            line.assetId(),
                            model.type(),
                            rateOf(model),
                            line.events(),
                            line.tokens(),
                            Money.plain(line.amount()),
                            line.currency(),
                            line.receiptRefs(),
                            line.receiptCount());
                })
                .toList();
    }

    /**
     * The report around one page of its lines: the totals per currency, a headline total when the
     * period has one currency (zero USD when it has none), and on the first page the first
     * {@value #ADJUSTMENTS_INLINE} adjustments with a cursor ({@code cursorAt}) to the rest.
     */
    public UsageReport usageReport(
            String creatorId,
            String period,
            List<LineItem> lines,
            String nextCursor,
            boolean firstPage,
            LongFunction<String> cursorAt) {
        List<Total> totals = totals(creatorId, period);
        long adjustmentCount = firstPage ? store.adjustmentCount(creatorId, period) : 0;
        List<Adjustment> shown = firstPage ? store.adjustments(creatorId, period, 0, ADJUSTMENTS_INLINE) : List.of();
        Total single = totals.size() == 1 ? totals.get(0) : null;
        return new UsageReport(
                creatorId,
                period,
                lines,
                shown,
                adjustmentCount,
                shown.size() < adjustmentCount ? cursorAt.apply(shown.size() - 1L) : null,
                single == null ? (totals.isEmpty() ? BigDecimal.ZERO : null) : single.total(),
                single == null ? (totals.isEmpty() ? "USD" : null) : single.currency(),
                totals,
                nextCursor);
    }

    /** Adjustments booked into the period, oldest first, from {@code offset}. */
    public List<Adjustment> adjustments(String creatorId, String period, int offset, int limit) {
        return store.adjustments(creatorId, period, offset, limit);
    }

    /** Totals per currency over all lines and adjustments of the period. */
    public List<Total> totals(String creatorId, String period) {
        return store.totals(creatorId, period).entrySet().stream()
                .map(t -> new Total(t.getKey(), Money.plain(t.getValue())))
                .toList();
    }

    /**
     * The period open at {@code now} so far: its total (and that total rounded to the currency's
     * minor unit) when it has one currency, zero USD when it has none, with every currency's total,
     * and the earnings by asset and by day.
     */
    public BillingPreview preview(String creatorId, Instant now) {
        String period = Periods.of(now);
        List<Total> totals = totals(creatorId, period);
        Total single = totals.size() == 1 ? totals.get(0) : new Total("USD", BigDecimal.ZERO);
        return new BillingPreview(
                creatorId,
                period,
                now,
                single.total(),
                Money.roundToMinorUnit(single.total(), single.currency()),
                single.currency(),
                totals,
                byAsset(creatorId, period),
                byDay(creatorId, period));
    }

    List<AssetEarnings> byAsset(String creatorId, String period) {
        return store
                .byAsset(
                        creatorId,
                        period,
                        MAX_PREVIEW_ASSETS,
                        () -> ApiException.limitExceeded("The billing preview lists at most " + MAX_PREVIEW_ASSETS
                                + " assets and this period has more; read them all, paged, from GET /v1/usage-report."))
                .stream()
                .map(row -> {
                    Asset asset = assets.get(null, row.assetId());
                    return new AssetEarnings(
                            asset.assetId(),
                            asset.name(),
                            assets.priceIn(asset, period).type(),
                            row.events(),
                            row.tokens(),
                            Money.plain(row.amount()),
                            row.currency());
                })
                .toList();
    }

    List<DayEarnings> byDay(String creatorId, String period) {
        return store
                .byDay(
                        creatorId,
                        period,
                        MAX_DAY_ROWS,
                        () -> ApiException.limitExceeded("The billing preview's by_day holds at most " + MAX_DAY_ROWS
                                + " day-and-currency rows (31 days in up to 32 currencies) and this period has more."))
                .stream()
                .map(row -> new DayEarnings(LocalDate.parse(row.at()), Money.plain(row.amount()), row.currency()))
                .toList();
    }

    /**
     * Earnings by day for charts, one series per asset or per model ({@code groupBy}: asset, the
     * default, or model), in {@code period} or, when it is null, the period open at {@code now}.
     */
    public Earnings earnings(String creatorId, String period, String groupBy, Instant now) {
        String month = period == null
                ? Periods.of(now)
                : Periods.parse(period, "period").toString();
        boolean byModel = byModel(groupBy);
        List<Series> series = grouped(
                store.series(
                        creatorId,
                        month,
                        month,
                        byModel,
                        true,
                        MAX_CHART_POINTS,
                        () -> ApiException.limitExceeded("Earnings by day hold at most " + MAX_CHART_POINTS
                                + " points (series × days) and this period has more; read the usage report, paged,"
                                + " instead.")),
                byModel,
                (key, label, currency) -> new Series(key, label, currency, new ArrayList<>()),
                (line, row) -> line.points().add(new Point(LocalDate.parse(row.at()), Money.plain(row.amount()))));
        return new Earnings(creatorId, month, byModel ? "model" : "asset", series);
    }

    /**
     * Usage earnings month by month from {@code from} to {@code to} (YYYY-MM, inclusive; by default
     * the {@value #MAX_MONTHS}/2 months before the one open at {@code now} and that one; at most
     * {@value #MAX_MONTHS}), one series per asset or model: what usage earned at the prices in force,
     * before the floors and pool bonuses a settlement adds.
     */
    public MonthlyEarnings earningsByMonth(String creatorId, String from, String to, String groupBy, Instant now) {
        YearMonth last = to == null ? YearMonth.from(now.atZone(ZoneOffset.UTC)) : Periods.parse(to, "to");
        YearMonth first = from == null ? last.minusMonths(MAX_MONTHS / 2) : Periods.parse(from, "from");
        if (first.isAfter(last)) {
            throw ApiException.invalid("from", "from must not be after to.");
        }
        if (first.plusMonths(MAX_MONTHS - 1).isBefore(last)) {
            throw ApiException.limitExceeded("Monthly earnings cover at most " + MAX_MONTHS + " months; ask for "
                    + first + " to " + first.plusMonths(MAX_MONTHS - 1) + " and then the rest.");
        }
        boolean byModel = byModel(groupBy);
        List<MonthSeries> series = grouped(
                store.series(
                        creatorId,
                        first.toString(),
                        last.toString(),
                        byModel,
                        false,
                        MAX_CHART_POINTS,
                        () -> ApiException.limitExceeded("Monthly earnings hold at most " + MAX_CHART_POINTS
                                + " points (series × months) and this window has more; ask for fewer months.")),
                byModel,
                (key, label, currency) -> new MonthSeries(key, label, currency, new ArrayList<>()),
                (line, row) -> line.points().add(new MonthPoint(row.at(), Money.plain(row.amount()))));
        return new MonthlyEarnings(creatorId, first.toString(), last.toString(), byModel ? "model" : "asset", series);
    }

    /** One asset's usage in one month, summed from the rollups: what a price simulation is computed from. */
    public record AssetMonth(String period, long events, long tokens, BigDecimal revenue, BigDecimal amount) {}

    /** {@code assetId}'s months from {@code from} to {@code to} (YYYY-MM, inclusive) that have usage. */
    public List<AssetMonth> assetMonths(String creatorId, String assetId, String from, String to) {
        return store.assetMonths(creatorId, assetId, from, to);
    }

    /**
     * What settlement booked for {@code assetId} per settled month — earnings, floor top-up and
     * subscription bonus — in the same window; a month missing here was not settled.
     */
    public Map<String, BigDecimal> settledAssetEarnings(String creatorId, String assetId, String from, String to) {
        return store.settledAssetEarnings(creatorId, assetId, from, to);
    }

    /**
     * The receipts behind one line (creator, period, asset, model), in id order from {@code offset};
     * the line's {@code receipt_refs} are the first of these.
     */
    public List<String> receiptIds(
            String creatorId, String period, String assetId, String modelId, int offset, int limit) {
        return store.receiptIds(creatorId, period, assetId, modelId, offset, limit);
    }

    private static boolean byModel(String groupBy) {
        if (groupBy == null || groupBy.equals("asset")) {
            return false;
        }
        if (groupBy.equals("model")) {
            return true;
        }
        throw ApiException.invalid("group_by", "group_by must be asset or model.");
    }

    /** Makes an empty series of a chart. */
    @FunctionalInterface
    private interface NewSeries<S> {
        S make(String key, String label, String currency);
    }

    /**
     * Rows in series order (asset or model, then currency) as one series each, labelled for the
     * chart; {@code addPoint} appends a row's point to its series.
     */
    private <S> List<S> grouped(
            List<ReportStore.PointRow> rows,
            boolean byModel,
            NewSeries<S> newSeries,
            BiConsumer<S, ReportStore.PointRow> addPoint) {
        Map<String, S> series = new LinkedHashMap<>();
        for (ReportStore.PointRow row : rows) {
            addPoint.accept(
                    series.computeIfAbsent(
                            row.seriesId() + "|" + row.currency(),
                            k -> newSeries.make(row.seriesId(), label(row.seriesId(), byModel), row.currency())),
                    row);
        }
        return List.copyOf(series.values());
    }

    /** A series' name on a chart: the asset's name, or the model id itself. */
    private String label(String seriesId, boolean byModel) {
        return byModel ? seriesId : assets.get(null, seriesId).name();
    }

    static BigDecimal rateOf(PriceModel model) {
        return switch (model.type()) {
            case "per_use", "floor_plus" -> model.rate();
            case "rev_share" -> model.share();
            default -> null;
        };
    }
}
