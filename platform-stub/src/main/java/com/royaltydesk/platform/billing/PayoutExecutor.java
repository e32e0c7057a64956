package com.royaltydesk.platform.billing;

import com.royaltydesk.platform.Ids;
import com.royaltydesk.platform.db.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Pays out a settlement's pending payouts. In sandbox mode it "transfers" at once: paid with a
 * {@code tx_ref}, or failed for creators the platform told it to fail (to exercise
 * {@code payout.failed}); a failed payout's money goes back on the creator's balance. Outside the
 * sandbox no payment rail is connected, so payouts stay pending.
 */
public final class PayoutExecutor {

    /** Notified after each payout changes state (webhooks listen here). */
    public interface Listener {
        void payoutFinished(SettlementStore.Payout payout);
    }

    private final Jdbc jdbc;
    private final SettlementStore store;
    private final boolean sandbox;
    private final Clock clock;
    private volatile Listener listener = payout -> {};

    public PayoutExecutor(Jdbc jdbc, SettlementStore store, boolean sandbox, Clock clock) {
        this.jdbc = jdbc;
        this.store = store;
        this.sandbox = sandbox;
        this.clock = clock;
    }

    public void listen(Listener listener) {
        this.listener = listener;
    }

    public void execute(String settlementId) {
        if (!sandbox) {
            return;
        }
        List<SettlementStore.Payout> pending = store.payouts(null, null, settlementId, 100_000).stream()
                .filter(p -> "pending".equals(p.status()))
                .toList();
        for (SettlementStore.Payout payout : pending) {
            SettlementStore.Payout done = jdbc.inTransaction(c -> {
                Instant now = clock.instant();
                if (failureRequested(c, payout.creatorId())) {
                    String reason = "sandbox: payouts to this creator are set to fail";
                    store.updatePayout(c, payout.payoutId(), "failed", null, reason, now);
                    store.insertLedger(
                            c,
                            payout.creatorId(),
                            payout.currency(),
                            payout.period(),
                            List.of(new LedgerLine(
                                    LedgerLine.PAYOUT_RETURNED, null, payout.amount(), payout.payoutId())),
                            now);
                    return withStatus(payout, "failed", null, reason);
                }
                String txRef = Ids.newId("tx");
                store.updatePayout(c, payout.payoutId(), "paid", txRef, null, now);
                return withStatus(payout, "paid", txRef, null);
            });
            listener.payoutFinished(done);
        }
    }

    /** Sandbox: make this creator's next payouts fail. */
    public void failPayoutsFor(String creatorId) {
        jdbc.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO sandbox_payout_failures (creator_id) SELECT CAST(? AS VARCHAR(64)) WHERE NOT EXISTS"
                            + " (SELECT 1 FROM sandbox_payout_failures WHERE creator_id = ?)")) {
                s.setString(1, creatorId);
                s.setString(2, creatorId);
                s.executeUpdate();
            }
            return null;
        });
    }

    private static boolean failureRequested(java.sql.Connection c, String creatorId) throws java.sql.SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM sandbox_payout_failures WHERE creator_id = ?")) {
            s.setString(1, creatorId);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    private static SettlementStore.Payout withStatus(
            SettlementStore.Payout p, String status, String txRef, String reason) {
        return new SettlementStore.Payout(
                p.payoutId(),
                p.settlementId(),
                p.creatorId(),
                p.period(),
                p.amount(),
                p.currency(),
                status,
                p.method(),
                txRef,
                reason);
    }
}
