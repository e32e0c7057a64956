package com.royaltydesk.platform.billing;

import com.royaltydesk.platform.core.ApiException;
import com.royaltydesk.platform.db.Jdbc;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A creator's money by state, per currency: pending (usage in periods not yet settled), available
 * (settled, on the ledger, not yet paid), and held with the reason — disputed, under the payout
 * threshold, or held for fraud review. Per asset, the pending part.
 */
public final class BalanceService {

    /** Documented maximum of {@code pending_by_asset}; beyond it a 422 names it. */
    static final int MAX_PENDING_ASSETS = 1000;

    /** Held money and why. */
    public record Held(String reason, BigDecimal amount) {}

    /** One asset's unsettled earnings. */
    public record AssetPending(String assetId, BigDecimal pending) {}

    /** One currency's balance. */
    public record Balance(
            String currency, BigDecimal pending, BigDecimal available, List<Held> held, List<AssetPending> byAsset) {}

    private final Jdbc jdbc;
    private final BalanceStore store = new BalanceStore();
    private final DisputeService disputes;
    private final PayoutPolicy policy;

    public BalanceService(Jdbc jdbc, DisputeService disputes, PayoutPolicy policy) {
        this.jdbc = jdbc;
        this.disputes = disputes;
        this.policy = policy;
    }

    public List<Balance> balances(String creatorId) {
        return jdbc.read(c -> {
            Map<String, BigDecimal> ledger = store.onLedger(c, creatorId);
            Map<String, BigDecimal> pending = store.unsettled(c, creatorId);
            Map<String, BigDecimal> fraud = store.heldForReview(c, creatorId);
            Map<String, BigDecimal> disputed = disputes.openHeld(creatorId);
            TreeMap<String, Boolean> currencies = new TreeMap<>();
            for (Map<String, BigDecimal> map : List.of(ledger, pending, fraud, disputed)) {
                map.keySet().forEach(currency -> currencies.put(currency, true));
            }
            List<Balance> balances = new ArrayList<>();
            for (String currency : currencies.keySet()) {
                balances.add(balance(c, creatorId, currency, ledger, pending, fraud, disputed));
            }
            return balances;
        });
    }

    private Balance balance(
            Connection c,
            String creatorId,
            String currency,
            Map<String, BigDecimal> ledger,
            Map<String, BigDecimal> pending,
            Map<String, BigDecimal> fraud,
            Map<String, BigDecimal> disputed)
            throws SQLException {
        BigDecimal onLedger = ledger.getOrDefault(currency, BigDecimal.ZERO);
        List<Held> held = new ArrayList<>();
        BigDecimal available = onLedger;
        if (onLedger.signum() > 0 && Money.roundToMinorUnit(onLedger, currency).compareTo(policy.threshold()) < 0) {
            held.add(new Held("under_threshold", Money.plain(onLedger)));
            available = BigDecimal.ZERO;
        }
        if (disputed.containsKey(currency)) {
            held.add(new Held("disputed", Money.plain(disputed.get(currency))));
        }
        if (fraud.containsKey(currency)) {
            held.add(new Held("fraud_hold", Money.plain(fraud.get(currency))));
        }
        List<AssetPending> byAsset = store
                .unsettledByAsset(
                        c,
                        creatorId,
                        currency,
                        MAX_PENDING_ASSETS,
                        () -> ApiException.limitExceeded("Balances list pending earnings of at most "
                                + MAX_PENDING_ASSETS + " assets and this creator has more; read them per period,"
                                + " paged, from GET /v1/usage-report."))
                .stream()
                .map(sum -> new AssetPending(sum.assetId(), Money.plain(sum.amount())))
                .toList();
        return new Balance(
                currency,
                Money.plain(pending.getOrDefault(currency, BigDecimal.ZERO)),
                Money.plain(available),
                List.copyOf(held),
                byAsset);
    }
}
