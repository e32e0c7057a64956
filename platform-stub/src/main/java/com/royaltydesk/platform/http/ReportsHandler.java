package com.royaltydesk.platform.http;

import com.royaltydesk.platform.billing.Money;
import com.royaltydesk.platform.billing.ReportService;
import com.royaltydesk.platform.core.ApiException;
import com.royaltydesk.platform.core.Validate;
import com.royaltydesk.platform.keys.Role;
import com.royaltydesk.platform.receipts.ClaimValidator;
import com.royaltydesk.platform.usage.Corrections;
import com.royaltydesk.platform.usage.Periods;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/** Usage reports, the open period's billing preview, and voids. */
public final class ReportsHandler {

    /** The open period so far: totals, by asset and by day. */
    public record BillingPreview(
            String creatorId,
            String period,
            Instant asOf,
            BigDecimal total,
            BigDecimal totalRounded,
            String currency,
            List<ReportService.Total> totals,
            List<ReportService.AssetEarnings> byAsset,
            List<ReportService.DayEarnings> byDay) {}

    /** Earnings by day for charts. */
    public record Earnings(String creatorId, String period, String groupBy, List<ReportService.Series> series) {}

    /** {@code GET /v1/earnings/monthly}. */
    public record MonthlyEarnings(
            String creatorId, String from, String to, String groupBy, List<ReportService.MonthSeries> series) {}

    /** Body of a void. */
    public record VoidRequest(String hostId, String eventId, String reason) {}

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 500;
    private static final int MAX_RECEIPTS = 1000;
    private static final int MAX_ADJUSTMENTS = 1000;
    private static final int ADJUSTMENTS_INLINE = 100;

    private final ReportService reports;
    private final Corrections corrections;
    private final Auth auth;
    private final RequestBodies bodies;
    private final Clock clock;

    public ReportsHandler(
            ReportService reports, Corrections corrections, Auth auth, RequestBodies bodies, Clock clock) {
        this.reports = reports;
        this.corrections = corrections;
        this.auth = auth;
        this.bodies = bodies;
        this.clock = clock;
    }

    public void usageReport(Context ctx) {
        String creatorId = creator(ctx);
        String period = Periods.parse(ctx.queryParam("period"), "period").toString();
        int limit = Validate.limit(ctx.queryParam("limit"), DEFAULT_LIMIT, MAX_LIMIT);
        int offset = Cursors.offset(ctx.queryParam("cursor"));
        Paged<ReportService.LineItem> page =
                Paged.byOffset(reports.lines(creatorId, period, offset, Paged.rowsToRead(limit)), limit, offset);
        List<ReportService.Total> totals = reports.totals(creatorId, period);
        ReportService.Total single = totals.size() == 1 ? totals.get(0) : null;
        // Adjustments ride on the first page (their first ADJUSTMENTS_INLINE); the rest are paged by
        // GET /v1/usage/adjustments from adjustments_next_cursor.
        long adjustmentCount = offset == 0 ? reports.adjustmentCount(creatorId, period) : 0;
        List<ReportService.Adjustment> firstAdjustments =
                offset == 0 ? reports.adjustments(creatorId, period, 0, ADJUSTMENTS_INLINE) : List.of();
        ctx.json(new ReportService.UsageReport(
                creatorId,
                period,
                page.shown(),
                firstAdjustments,
                adjustmentCount,
                firstAdjustments.size() < adjustmentCount ? Cursors.encode(firstAdjustments.size() - 1L) : null,
                single == null ? (totals.isEmpty() ? BigDecimal.ZERO : null) : single.total(),
                single == null ? (totals.isEmpty() ? "USD" : null) : single.currency(),
                totals,
                page.next()));
    }

    public void billingPreview(Context ctx) {
        ctx.json(preview(creator(ctx)));
    }

    /**
     * {@code GET /v1/sandbox/billing-preview} (sandbox only, no key): the demo creator's preview, so a
     * stranger opening the demo page on a sandbox sees numbers before finding any key. Demo data only.
     */
    public void sandboxBillingPreview(Context ctx) {
        ctx.json(preview(com.royaltydesk.platform.sandbox.SandboxBootstrap.DEMO_CREATOR));
    }

    private BillingPreview preview(String creatorId) {
        Instant now = clock.instant();
        String period = Periods.of(now);
        List<ReportService.Total> totals = reports.totals(creatorId, period);
        ReportService.Total single =
                totals.size() == 1 ? totals.get(0) : new ReportService.Total("USD", BigDecimal.ZERO);
        return new BillingPreview(
                creatorId,
                period,
                now,
                single.total(),
                Money.roundToMinorUnit(single.total(), single.currency()),
                single.currency(),
                totals,
                reports.byAsset(creatorId, period),
                reports.byDay(creatorId, period));
    }

    public void earnings(Context ctx) {
        String creatorId = creator(ctx);
        String period = ctx.queryParam("period") == null
                ? Periods.of(clock.instant())
                : Periods.parse(ctx.queryParam("period"), "period").toString();
        String groupBy = ctx.queryParam("group_by") == null ? "asset" : ctx.queryParam("group_by");
        if (!groupBy.equals("asset") && !groupBy.equals("model")) {
            throw ApiException.invalid("group_by", "group_by must be asset or model.");
        }
        ctx.json(new Earnings(
                creatorId, period, groupBy, reports.earningsByDay(creatorId, period, groupBy.equals("model"))));
    }

    /** {@code GET /v1/earnings/monthly?from=&to=&group_by=}: usage earnings month by month. */
    public void earningsMonthly(Context ctx) {
        String creatorId = creator(ctx);
        YearMonth to = ctx.queryParam("to") == null
                ? YearMonth.from(clock.instant().atZone(java.time.ZoneOffset.UTC))
                : Periods.parse(ctx.queryParam("to"), "to");
        YearMonth from = ctx.queryParam("from") == null
                ? to.minusMonths(ReportService.MAX_MONTHS / 2)
                : Periods.parse(ctx.queryParam("from"), "from");
        if (from.isAfter(to)) {
            throw ApiException.invalid("from", "from must not be after to.");
        }
        if (from.plusMonths(ReportService.MAX_MONTHS - 1).isBefore(to)) {
            throw ApiException.limitExceeded("Monthly earnings cover at most " + ReportService.MAX_MONTHS
                    + " months; ask for " + from + " to " + from.plusMonths(ReportService.MAX_MONTHS - 1)
                    + " and then the rest.");
        }
        String groupBy = ctx.queryParam("group_by") == null ? "asset" : ctx.queryParam("group_by");
        if (!groupBy.equals("asset") && !groupBy.equals("model")) {
            throw ApiException.invalid("group_by", "group_by must be asset or model.");
        }
        ctx.json(new MonthlyEarnings(
                creatorId,
                from.toString(),
                to.toString(),
                groupBy,
                reports.earningsByMonth(creatorId, from.toString(), to.toString(), groupBy.equals("model"))));
    }

    public void voidEvent(Context ctx) {
        auth.require(ctx, Role.PLATFORM);
        VoidRequest request = bodies.read(ctx, VoidRequest.class);
        String hostId = Validate.id(request.hostId(), "host_id");
        String eventId = Validate.requiredText(request.eventId(), "event_id", 128);
        String reason = Validate.requiredText(request.reason(), "reason", 500);
        ctx.status(201).json(corrections.voidEvent(hostId, eventId, reason));
    }

    /** {@code GET /v1/usage/adjustments}: every adjustment booked into a period, paged. */
    public void adjustments(Context ctx) {
        String creatorId = creator(ctx);
        String period = Periods.parse(ctx.queryParam("period"), "period").toString();
        int limit = Validate.limit(ctx.queryParam("limit"), MAX_ADJUSTMENTS, MAX_ADJUSTMENTS);
        int offset = Cursors.offset(ctx.queryParam("cursor"));
        Paged<ReportService.Adjustment> page =
                Paged.byOffset(reports.adjustments(creatorId, period, offset, Paged.rowsToRead(limit)), limit, offset);
        ctx.json(new ReportService.AdjustmentPage(page.shown(), page.next()));
    }

    /** {@code GET /v1/usage/receipts}: every receipt behind a report or statement line, paged. */
    public void lineReceipts(Context ctx) {
        String creatorId = creator(ctx);
        String period = Periods.parse(ctx.queryParam("period"), "period").toString();
        String assetId = Validate.id(ctx.queryParam("asset_id"), "asset_id");
        String modelId = ClaimValidator.modelId(ctx.queryParam("model_id"));
        int limit = Validate.limit(ctx.queryParam("limit"), MAX_RECEIPTS, MAX_RECEIPTS);
        int offset = Cursors.offset(ctx.queryParam("cursor"));
        Paged<String> page = Paged.byOffset(
                reports.receiptIds(creatorId, period, assetId, modelId, offset, Paged.rowsToRead(limit)),
                limit,
                offset);
        ctx.json(new ReportService.ReceiptPage(page.shown(), page.next()));
    }

    /** Creators read their own; the platform must say whose. */
    private String creator(Context ctx) {
        return Tenants.oneCreator(auth.require(ctx, Role.CREATOR, Role.PLATFORM), ctx.queryParam("creator_id"));
    }
}
