package com.royaltydesk.platform.http;

import com.royaltydesk.platform.billing.BalanceService;
import com.royaltydesk.platform.billing.PayoutExecutor;
import com.royaltydesk.platform.billing.SettlementService;
import com.royaltydesk.platform.billing.SettlementStore;
import com.royaltydesk.platform.billing.StatementCsv;
import com.royaltydesk.platform.billing.StatementService;
import com.royaltydesk.platform.core.ApiException;
import com.royaltydesk.platform.core.Validate;
import com.royaltydesk.platform.keys.Principal;
import com.royaltydesk.platform.keys.Role;
import com.royaltydesk.platform.usage.Periods;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Settlements, payouts, statements (JSON and CSV) and balances. */
public final class SettlementsHandler {

    /** {@code POST /v1/settlements} body. */
    public record SettleRequest(String period, PoolRequest subscriptionPool) {}

    /** The optional subscription pool. */
    public record PoolRequest(BigDecimal amount, String currency) {}

    /** A settlement and its payouts. */
    public record SettlementView(
            String settlementId,
            String period,
            String status,
            Instant createdAt,
            BigDecimal subscriptionPool,
            String poolCurrency,
            List<SettlementStore.Payout> payouts,
            String payoutsNextCursor) {}

    /** {@code GET /v1/payouts}. */
    public record PayoutList(List<SettlementStore.Payout> payouts, String nextCursor) {}

    /** {@code GET /v1/statements}. */
    public record StatementList(List<StatementService.Statement> statements) {}

    /** {@code GET /v1/balances}. */
    public record BalanceList(String creatorId, List<BalanceService.Balance> balances) {}

    private static final int MAX_PAYOUTS = 1000;
    /** Statement lines in one JSON page (and the default); the CSV carries them all. */
    private static final int MAX_STATEMENT_LINES = 1000;

    private static final int DEFAULT_PAYOUTS = 100;

    private final SettlementService settlements;
    private final SettlementStore store;
    private final StatementService statements;
    private final BalanceService balances;
    private final PayoutExecutor executor;
    private final Auth auth;
    private final RequestBodies bodies;

    public SettlementsHandler(
            SettlementService settlements,
            SettlementStore store,
            StatementService statements,
            BalanceService balances,
            PayoutExecutor executor,
            Auth auth,
            RequestBodies bodies) {
        this.settlements = settlements;
        this.store = store;
        this.statements = statements;
        this.balances = balances;
        this.executor = executor;
        this.auth = auth;
        this.bodies = bodies;
    }

    public void settle(Context ctx) {
        auth.require(ctx, Role.PLATFORM);
        SettleRequest request = bodies.read(ctx, SettleRequest.class);
        SettlementService.Outcome outcome =
                settlements.settle(Periods.parse(request.period(), "period"), pool(request.subscriptionPool()));
        ctx.status(outcome.created() ? 201 : 200).json(view(outcome.settlement()));
    }

    public void get(Context ctx) {
        auth.require(ctx, Role.PLATFORM);
        String id = Validate.id(ctx.pathParam("id"), "id");
        ctx.json(view(store.find(id).orElseThrow(() -> ApiException.notFound("No settlement " + id + "."))));
    }

    public void payouts(Context ctx) {
        Principal caller = auth.require(ctx, Role.CREATOR, Role.PLATFORM);
        String creator = Tenants.scope(caller, ctx.queryParam("creator_id"));
        String period = ctx.queryParam("period") == null
                ? null
                : Periods.parse(ctx.queryParam("period"), "period").toString();
        String settlementId = ctx.queryParam("settlement_id") == null
                ? null
                : Validate.id(ctx.queryParam("settlement_id"), "settlement_id");
        int limit = Validate.limit(ctx.queryParam("limit"), DEFAULT_PAYOUTS, MAX_PAYOUTS);
        int offset = Cursors.offset(ctx.queryParam("cursor"));
        Paged<SettlementStore.Payout> page = Paged.byOffset(
                store.payouts(creator, period, settlementId, offset, Paged.rowsToRead(limit)), limit, offset);
        ctx.json(new PayoutList(page.shown(), page.next()));
    }

    public void statements(Context ctx) {
        String creator = Tenants.oneCreator(auth, ctx);
        String period = Periods.parse(ctx.queryParam("period"), "period").toString();
        if ("csv".equals(ctx.queryParam("format"))) {
            List<StatementService.Statement> list =
                    statements.statements(creator, period, StatementService.LinePage.ALL);
            ctx.contentType("text/csv; charset=utf-8")
                    .header(
                            "Content-Disposition",
                            "attachment; filename=\"statement-" + creator + "-" + period + ".csv\"")
                    .result(StatementCsv.render(list));
            return;
        }
        int limit = Validate.limit(ctx.queryParam("limit"), MAX_STATEMENT_LINES, MAX_STATEMENT_LINES);
        Cursors.Keyed cursor = Cursors.decodeKeyed(ctx.queryParam("cursor"));
        // A cursor continues one currency's lines; without one, every currency's first page.
        StatementService.LinePage page = cursor == null
                ? new StatementService.LinePage(null, 0, limit, Cursors::encode)
                : new StatementService.LinePage(cursor.key(), cursor.offset(), limit, Cursors::encode);
        ctx.json(new StatementList(statements.statements(creator, period, page)));
    }

    public void balances(Context ctx) {
        String creator = Tenants.oneCreator(auth, ctx);
        ctx.json(new BalanceList(creator, balances.balances(creator)));
    }

    /** {@code POST /v1/payouts/{id}/status} body: the payment rail's answer. */
    public record PayoutReport(String status, String txRef, String reason) {}

    /** The payment rail reports back: {@code paid} with its {@code tx_ref}, or {@code failed} with a reason. */
    public void reportPayout(Context ctx) {
        auth.require(ctx, Role.PLATFORM);
        String payoutId = Validate.id(ctx.pathParam("id"), "id");
        PayoutReport report = bodies.read(ctx, PayoutReport.class);
        ctx.json(executor.report(payoutId, report.status(), report.txRef(), report.reason()));
    }

    /** Sandbox: make a creator's next payouts fail. */
    public void failPayouts(Context ctx) {
        auth.require(ctx, Role.PLATFORM);
        record FailRequest(String creatorId) {}
        FailRequest request = bodies.read(ctx, FailRequest.class);
        executor.failPayoutsFor(Validate.id(request.creatorId(), "creator_id"));
        ctx.status(204);
    }

    private SettlementView view(SettlementStore.Settlement s) {
        List<SettlementStore.Payout> page = store.payouts(null, null, s.settlementId(), 0, MAX_PAYOUTS + 1);
        return new SettlementView(
                s.settlementId(),
                s.period(),
                "completed",
                s.createdAt(),
                s.poolAmount(),
                s.poolCurrency(),
                page.subList(0, Math.min(MAX_PAYOUTS, page.size())),
                // More than one page: the rest through GET /v1/payouts?settlement_id=…&cursor=…
                page.size() > MAX_PAYOUTS ? Cursors.encode(MAX_PAYOUTS - 1L) : null);
    }

    private static SettlementService.Pool pool(PoolRequest pool) {
        return pool == null ? null : SettlementService.Pool.of(pool.amount(), pool.currency());
    }
}
