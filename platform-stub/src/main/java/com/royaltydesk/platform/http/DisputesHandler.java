package com.royaltydesk.platform.http;

import com.royaltydesk.platform.billing.DisputeService;
import com.royaltydesk.platform.core.ApiException;
import com.royaltydesk.platform.core.Validate;
import com.royaltydesk.platform.keys.Principal;
import com.royaltydesk.platform.keys.Role;
import com.royaltydesk.platform.receipts.Receipt;
import com.royaltydesk.platform.receipts.ReceiptService;
import io.javalin.http.Context;

/** Disputes over receipts: creators open them on their own receipts, the platform on any; the platform resolves. */
public final class DisputesHandler {

    /** Open a dispute. */
    public record OpenRequest(String receiptId, String reason) {}

    /** Resolve a dispute: {@code release} pays the held money, {@code forfeit} does not. */
    public record ResolveRequest(String outcome) {}

    /** {@code GET /v1/disputes}: a page of one creator's disputes, newest first. */
    public record DisputeList(java.util.List<DisputeService.Dispute> disputes, String nextCursor) {}

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private final DisputeService disputes;
    private final ReceiptService receipts;
    private final Auth auth;
    private final RequestBodies bodies;

    public DisputesHandler(DisputeService disputes, ReceiptService receipts, Auth auth, RequestBodies bodies) {
        this.disputes = disputes;
        this.receipts = receipts;
        this.auth = auth;
        this.bodies = bodies;
    }

    public void open(Context ctx) {
        Principal caller = auth.require(ctx, Role.CREATOR, Role.PLATFORM);
        OpenRequest request = bodies.read(ctx, OpenRequest.class);
        String receiptId = Validate.id(request.receiptId(), "receipt_id");
        String reason = Validate.requiredText(request.reason(), "reason", 1000);
        Receipt receipt = receipts.find(receiptId)
                .filter(r -> caller.is(Role.PLATFORM) || r.creatorId().equals(caller.creatorId()))
                .orElseThrow(
                        () -> ApiException.invalid("receipt_id", "No receipt " + receiptId + " that you may dispute."));
        DisputeService.Dispute dispute = disputes.open(
                receipt.creatorId(), receiptId, reason, caller.role().wireName());
        ctx.status(201).json(dispute);
    }

    public void resolve(Context ctx) {
        auth.require(ctx, Role.PLATFORM);
        String id = Validate.id(ctx.pathParam("id"), "id");
        ResolveRequest request = bodies.read(ctx, ResolveRequest.class);
        ctx.json(disputes.resolve(id, request.outcome()));
    }

    /** The caller's disputes (a platform key names the creator), paged by cursor. */
    public void list(Context ctx) {
        String creator = Tenants.oneCreator(auth, ctx);
        int limit = Validate.limit(ctx.queryParam("limit"), DEFAULT_LIMIT, MAX_LIMIT);
        int offset = Cursors.offset(ctx.queryParam("cursor"));
        Paged<DisputeService.Dispute> page =
                Paged.byOffset(disputes.list(creator, offset, Paged.rowsToRead(limit)), limit, offset);
        ctx.json(new DisputeList(page.shown(), page.next()));
    }

    public void get(Context ctx) {
        Principal caller = auth.require(ctx, Role.CREATOR, Role.PLATFORM);
        String id = Validate.id(ctx.pathParam("id"), "id");
        ctx.json(disputes.find(id)
                .filter(d -> caller.is(Role.PLATFORM) || d.creatorId().equals(caller.creatorId()))
                .orElseThrow(() -> ApiException.notFound("No dispute " + id + ".")));
    }
}
