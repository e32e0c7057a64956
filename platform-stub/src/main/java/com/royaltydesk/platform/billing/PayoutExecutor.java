package com.royaltydesk.platform.billing;

import com.royaltydesk.platform.Ids;
import com.royaltydesk.platform.db.Jdbc;
import com.royaltydesk.platform.webhooks.EventTypes;
import com.royaltydesk.platform.webhooks.Outbox;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pays out a settlement's pending payouts. In sandbox mode it "transfers" at once: paid with a
 * {@code tx_ref}, or failed for creators the platform told it to fail (to exercise
 * {@code payout.failed}); a failed payout's money goes back on the creator's balance. Outside the
 * sandbox no payment rail is connected, so payouts stay pending.
 */
public final class PayoutExecutor {

    private final Jdbc jdbc;
    private final SettlementStore store;
    private final boolean sandbox;
    private final Outbox outbox;
    private final Clock clock;

    public PayoutExecutor(Jdbc jdbc, SettlementStore store, boolean sandbox, Outbox outbox, Clock clock) {
        this.jdbc = jdbc;
        this.store = store;
        this.sandbox = sandbox;
        this.outbox = outbox;
        this.clock = clock;
    }

    public void execute(String settlementId) {
        if (!sandbox) {
            return;
        }
        List<SettlementStore.Payout> pending = store.payouts(null, null, settlementId, 100_000).stream()
                .filter(p -> "pending".equals(p.status()))
                .toList();
        for (SettlementStore.Payout payout : pending) {
            jdbc.inTransaction(c -> {
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
                    announce(c, withStatus(payout, "failed", null, reason));
                    return null;
                }
                String txRef = Ids.newId("tx");
                store.updatePayout(c, payout.payoutId(), "paid", txRef, null, now);
                announce(c, withStatus(payout, "paid", txRef, null));
                return null;
            });
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

    private void announce(java.sql.Connection c, SettlementStore.Payout p) throws java.sql.SQLException {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("payout_id", p.payoutId());
        data.put("creator_id", p.creatorId());
        data.put("period", p.period());
        data.put("amount", p.amount());
        data.put("currency", p.currency());
        data.put("status", p.status());
        data.put("tx_ref", p.txRef());
        data.put("failure_reason", p.failureReason());
        outbox.enqueue(
                c, "paid".equals(p.status()) ? EventTypes.PAYOUT_PAID : EventTypes.PAYOUT_FAILED, p.creatorId(), data);
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
