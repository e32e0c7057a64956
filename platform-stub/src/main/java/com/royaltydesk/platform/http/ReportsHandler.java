package com.royaltydesk.platform.http;

import com.royaltydesk.platform.billing.ReportService;
import com.royaltydesk.platform.core.Validate;
import com.royaltydesk.platform.keys.Role;
import com.royaltydesk.platform.receipts.ClaimValidator;
import com.royaltydesk.platform.sandbox.SandboxBootstrap;
import com.royaltydesk.platform.usage.Corrections;
import com.royaltydesk.platform.usage.Periods;
import io.javalin.http.Context;
import java.time.Clock;

/** Usage reports, the open period's billing preview, earnings charts and voids: request and response only. */
public final class ReportsHandler {

    /** Body of a void. */
    public record VoidRequest(String hostId, String eventId, String reason) {}

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 500;
    private static final int MAX_RECEIPTS = 1000;
    private static final int MAX_ADJUSTMENTS = 1000;

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
        String creatorId = Tenants.oneCreator(auth, ctx);
        String period = Periods.parse(ctx.queryParam("period"), "period").toString();
        int limit = Validate.limit(ctx.queryParam("limit"), DEFAULT_LIMIT, MAX_LIMIT);
        int offset = Cursors.offset(ctx.queryParam("cursor"));
        Paged<ReportService.LineItem> page =
                Paged.byOffset(reports.lines(creatorId, period, offset, Paged.rowsToRead(limit)), limit, offset);
        ctx.json(reports.usageReport(creatorId, period, page.shown(), page.next(), offset == 0, Cursors::encode));
    }

    public void billingPreview(Context ctx) {
        ctx.json(reports.preview(Tenants.oneCreator(auth, ctx), clock.instant()));
    }

    /**
     * {@code GET /v1/sandbox/billing-preview} (sandbox only, no key): the demo creator's preview, so a
     * stranger opening the demo page on a sandbox sees numbers before finding any key. Demo data only.
     */
    public void sandboxBillingPreview(Context ctx) {
        ctx.json(reports.preview(SandboxBootstrap.DEMO_CREATOR, clock.instant()));
    }

    public void earnings(Context ctx) {
        ctx.json(reports.earnings(
                Tenants.oneCreator(auth, ctx), ctx.queryParam("period"), ctx.queryParam("group_by"), clock.instant()));
    }

    /** {@code GET /v1/earnings/monthly?from=&to=&group_by=}: usage earnings month by month. */
    public void earningsMonthly(Context ctx) {
        ctx.json(reports.earningsByMonth(
                Tenants.oneCreator(auth, ctx),
                ctx.queryParam("from"),
                ctx.queryParam("to"),
                ctx.queryParam("group_by"),
                clock.instant()));
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
        String creatorId = Tenants.oneCreator(auth, ctx);
        String period = Periods.parse(ctx.queryParam("period"), "period").toString();
        int limit = Validate.limit(ctx.queryParam("limit"), MAX_ADJUSTMENTS, MAX_ADJUSTMENTS);
        int offset = Cursors.offset(ctx.queryParam("cursor"));
        Paged<ReportService.Adjustment> page =
                Paged.byOffset(reports.adjustments(creatorId, period, offset, Paged.rowsToRead(limit)), limit, offset);
        ctx.json(new ReportService.AdjustmentPage(page.shown(), page.next()));
    }

    /** {@code GET /v1/usage/receipts}: every receipt behind a report or statement line, paged. */
    public void lineReceipts(Context ctx) {
        String creatorId = Tenants.oneCreator(auth, ctx);
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
}
