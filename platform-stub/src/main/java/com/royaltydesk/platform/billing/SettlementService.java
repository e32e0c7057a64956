package com.royaltydesk.platform.billing;

import com.royaltydesk.platform.assets.AssetService;
import com.royaltydesk.platform.assets.MoneyBounds;
import com.royaltydesk.platform.assets.PriceModel;
import com.royaltydesk.platform.core.ApiException;
import com.royaltydesk.platform.core.Ids;
import com.royaltydesk.platform.db.DataAccessException;
import com.royaltydesk.platform.db.Jdbc;
import com.royaltydesk.platform.metrics.PlatformMetrics;
import com.royaltydesk.platform.usage.PeriodGate;
import com.royaltydesk.platform.webhooks.EventTypes;
import com.royaltydesk.platform.webhooks.Outbox;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;

/**
 * Closes a period: for every creator and currency with money to account for, computes the ledger
 * lines and the payout ({@link SettlementCalculator}), writes them with the statement row and the
 * period's closing in one transaction, then hands the payouts to the executor. Idempotent per
 * period: asking again returns the settlement that exists.
 */
public final class SettlementService {

    /** A settlement and whether this call made it. */
    public record Outcome(SettlementStore.Settlement settlement, boolean created) {}

    /** The optional subscription pool split among subscription_bonus assets by usage. */
    public record Pool(BigDecimal amount, String currency) {

        /** A pool as a request gives it: more than 0, within {@link MoneyBounds#MAX_POOL}; USD unless named. */
        public static Pool of(BigDecimal amount, String currency) {
            if (!MoneyBounds.positiveAtMost(amount, MoneyBounds.MAX_POOL)) {
                throw ApiException.invalid(
                        "subscription_pool.amount",
                        "amount must be greater than 0 and at most " + MoneyBounds.MAX_POOL.toPlainString()
                                + ", with at most " + MoneyBounds.MAX_SCALE + " decimals.");
            }
            try {
                return new Pool(
                        amount,
                        Currency.getInstance(currency == null ? "USD" : currency)
                                .getCurrencyCode());
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("subscription_pool.currency", "currency must be an ISO 4217 code.");
            }
        }
    }

    private final Jdbc jdbc;
    private final SettlementStore store;
    private final DisputeService disputes;
    private final AssetService assets;
    private final SettlementCalculator calculator;
    private final PayoutExecutor executor;
    private final PeriodGate gate;
    private final Outbox outbox;
    private final Clock clock;
    private final PlatformMetrics metrics;

    public SettlementService(
            Jdbc jdbc,
            SettlementStore store,
            DisputeService disputes,
            AssetService assets,
            SettlementCalculator calculator,
            PayoutExecutor executor,
            PeriodGate gate,
            Outbox outbox,
            Clock clock,
            PlatformMetrics metrics) {
        this.metrics = metrics;
        this.jdbc = jdbc;
        this.store = store;
        this.disputes = disputes;
        this.assets = assets;
        this.calculator = calculator;
        this.executor = executor;
        this.gate = gate;
        this.outbox = outbox;
        this.clock = clock;
    }

    public Outcome settle(YearMonth period, Pool pool) {
        Outcome outcome = settleOnce(period, pool);
        metrics.settlement(outcome.created());
        return outcome;
    }

    private Outcome settleOnce(YearMonth period, Pool pool) {
        if (!period.isBefore(YearMonth.from(clock.instant().atZone(java.time.ZoneOffset.UTC)))) {
            throw ApiException.invalid(
                    "period", "Only a period that has ended can be settled; " + period + " is still open.");
        }
        var existing = store.findByPeriod(period.toString());
        if (existing.isPresent()) {
            return new Outcome(existing.get(), false);
        }
        // Carried balances are paid by settling a real month, never an invented one (SPEC §3).
        String first = store.firstUsagePeriod()
                .orElseThrow(() -> ApiException.invalid(
                        "period", "No usage has been recorded yet, so there is no period to settle."));
        if (period.isBefore(YearMonth.parse(first))) {
            throw ApiException.invalid(
                    "period",
                    "Only a period on or after the first recorded usage (" + first + ") can be settled; " + period
                            + " is before it.");
        }
        SettlementStore.Settlement settlement;
        try {
            settlement =
                    gate.whileClosing(() -> jdbc.inTransaction(c -> settleInTransaction(c, period.toString(), pool)));
        } catch (DataAccessException e) {
            if (e.isConstraintViolation()) {
                // Another request settled the same period first: answer with its settlement.
                return new Outcome(store.findByPeriod(period.toString()).orElseThrow(() -> e), false);
            }
            throw e;
        }
        executor.execute(settlement.settlementId());
        return new Outcome(settlement, true);
    }

    private SettlementStore.Settlement settleInTransaction(Connection c, String period, Pool pool) throws SQLException {
        gate.holdClosed(c);
        Instant now = clock.instant();
        SettlementStore.Settlement settlement = new SettlementStore.Settlement(
                Ids.newId("set"),
                period,
                pool == null ? null : pool.amount(),
                pool == null ? null : pool.currency(),
                now);
        store.insertSettlement(c, settlement);
        Map<String, BigDecimal> bonus = pool == null
                ? Map.of()
                : SettlementCalculator.allocatePool(pool.amount(), store.subscriptionUnits(c, period, pool.currency()));
        List<Map<String, Object>> payments = new ArrayList<>();
        for (SettlementStore.Account account : store.accounts(c, period)) {
            SettlementStore.Payout payout = settleAccount(c, settlement, account, bonus, now);
            if (payout != null) {
                // The seed's payments carry tx_ref: the reference the payout is known by (its id)
                // until the payment rail reports its own.
                payments.add(Map.of(
                        "tx_ref",
                        payout.payoutId(),
                        "payout_id",
                        payout.payoutId(),
                        "creator_id",
                        payout.creatorId(),
                        "amount",
                        payout.amount(),
                        "currency",
                        payout.currency()));
            }
        }
        outbox.enqueue(
                c,
                EventTypes.SETTLEMENT_COMPLETED,
                null,
                Map.of("settlement_id", settlement.settlementId(), "period", period, "payments", payments));
        return settlement;
    }

    private SettlementStore.Payout settleAccount(
            Connection c,
            SettlementStore.Settlement settlement,
            SettlementStore.Account account,
            Map<String, BigDecimal> bonus,
            Instant now)
            throws SQLException {
        String period = settlement.period();
        BigDecimal opening = store.balance(c, account.creatorId(), account.currency());
        List<SettlementCalculator.AssetPeriod> assetPeriods = new ArrayList<>();
        for (Map.Entry<String, BigDecimal[]> usage : store.usageByAsset(
                        c, account.creatorId(), account.currency(), period)
                .entrySet()) {
            // The price in force in the month settled, not today's (issue #16: prices change by month).
            PriceModel model = assets.priceIn(assets.get(null, usage.getKey()), period);
            BigDecimal floor = "floor_plus".equals(model.type()) ? model.monthlyFloor() : null;
            assetPeriods.add(new SettlementCalculator.AssetPeriod(
                    usage.getKey(),
                    usage.getValue()[0],
                    floor,
                    true,
                    bonus.getOrDefault(usage.getKey(), BigDecimal.ZERO)));
        }
        SettlementCalculator.Input input = new SettlementCalculator.Input(
                account.creatorId(),
                account.currency(),
                opening,
                assetPeriods,
                store.adjustments(c, account.creatorId(), account.currency(), period),
                disputes.holds(c, account.creatorId(), account.currency(), period));
        SettlementCalculator.Result result = calculator.settle(input, settlement.settlementId());
        store.insertLedger(c, account.creatorId(), account.currency(), period, result.lines(), now);
        store.insertStatement(
                c, settlement.settlementId(), account.creatorId(), period, account.currency(), opening, result);
        if (result.paid().signum() <= 0) {
            return null;
        }
        SettlementStore.Payout payout = new SettlementStore.Payout(
                Ids.newId("pay"),
                settlement.settlementId(),
                account.creatorId(),
                period,
                result.paid(),
                account.currency(),
                "pending",
                "sandbox_transfer",
                null,
                null);
        store.insertPayout(c, payout, now);
        return payout;
    }
}
