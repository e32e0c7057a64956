package com.royaltydesk.platform.billing;

import com.royaltydesk.platform.assets.AssetService;
import com.royaltydesk.platform.db.Jdbc;
import com.royaltydesk.platform.metrics.PlatformMetrics;
import com.royaltydesk.platform.usage.PeriodGate;
import com.royaltydesk.platform.webhooks.Outbox;
import java.time.Clock;
import javax.sql.DataSource;

/** The money side of the platform, wired together. */
public record BillingServices(
        ReportService reports,
        SettlementStore settlementStore,
        SettlementService settlements,
        StatementService statements,
        BalanceService balances,
        DisputeService disputes,
        PayoutExecutor payouts,
        PriceSimulator priceSimulator) {

    public static BillingServices create(
            DataSource dataSource,
            Jdbc jdbc,
            AssetService assets,
            PayoutPolicy policy,
            PeriodGate gate,
            Outbox outbox,
            boolean sandbox,
            Clock clock,
            PlatformMetrics metrics) {
        SettlementStore store = new SettlementStore(dataSource);
        DisputeService disputes = new DisputeService(dataSource, store, jdbc, outbox, clock);
        PayoutExecutor payouts = new PayoutExecutor(jdbc, store, sandbox, outbox, clock);
        SettlementService settlements = new SettlementService(
                jdbc, store, disputes, assets, new SettlementCalculator(policy), payouts, gate, outbox, clock, metrics);
        ReportService reports = new ReportService(dataSource, assets);
        return new BillingServices(
                reports,
                store,
                settlements,
                new StatementService(jdbc),
                new BalanceService(jdbc, disputes, policy),
                disputes,
                payouts,
                new PriceSimulator(reports, assets, clock));
    }
}
