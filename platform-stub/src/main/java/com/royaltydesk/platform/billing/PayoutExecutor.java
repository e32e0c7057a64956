package com.royaltydesk.platform.billing;

import com.royaltydesk.platform.core.ApiException;
import com.royaltydesk.platform.core.Ids;
import com.royaltydesk.platform.core.Validate;
import com.royaltydesk.platform.db.Jdbc;
import com.royaltydesk.platform.webhooks.EventTypes;
import com.royaltydesk.platform.webhooks.Outbox;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Takes a settlement's payouts to the end (SPEC §1). A payout to a creator whose KYC is not
 * verified is held with the reason ({@code kyc_pending}, {@code kyc_rejected}) and released when
 * the platform verifies the creator. In sandbox mode the "transfer" happens at once: paid with a
 * {@code tx_ref}, or failed for creators the platform told it to fail. Outside the sandbox the
 * payment rail reports back through {@link #report}: {@code paid} with its {@code tx_ref}, or
 * {@code failed} with a reason — a failed payout's money goes back on the creator's balance.
 */
public final class PayoutExecutor {

    public static final String KYC_PENDING = "kyc_pending";
    public static final String KYC_REJECTED = "kyc_rejected";
    /** Held payouts released per KYC change in one transaction; more wait for the next change or report. */
    private static final int MAX_RELEASE = 10_000;
    /** Payouts read per page while executing a settlement. */
    private static final int PAGE = 1_000;

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

    /** Takes every payout of the settlement forward, page by page: none is left behind by a limit. */
    public void execute(String settlementId) {
        int offset = 0;
        List<SettlementStore.Payout> page;
        do {
            page = store.payouts(null, null, settlementId, offset, PAGE);
            for (SettlementStore.Payout payout : page) {
                if ("pending".equals(payout.status())) {
                    jdbc.inTransaction(c -> {
                        proceed(c, payout.payoutId());
                        return null;
                    });
                }
            }
            offset += page.size();
        } while (page.size() == PAGE);
    }

    /**
     * The payment rail's answer for a pending payout: {@code paid} with {@code txRef}, or {@code
     * failed} with {@code reason}. Anything but a pending payout is a 409 naming its status.
     */
    public SettlementStore.Payout report(String payoutId, String status, String txRef, String reason) {
        if ("paid".equals(status)) {
            if (txRef == null
                    || txRef.isEmpty()
                    || txRef.length() > 128
                    || !txRef.chars().allMatch(ch -> ch > 0x20 && ch < 0x7f)) {
                throw ApiException.invalid("tx_ref", "A paid payout needs tx_ref: 1-128 visible ASCII characters.");
            }
            return reported(payoutId, status, txRef, null);
        }
        if ("failed".equals(status)) {
            return reported(payoutId, status, null, Validate.requiredText(reason, "reason", 200));
        }
        throw ApiException.invalid("status", "status must be paid or failed.");
    }

    private SettlementStore.Payout reported(String payoutId, String status, String txRef, String reason) {
        return jdbc.inTransaction(c -> {
            SettlementStore.Payout payout = store.lockPayout(c, payoutId)
                    .orElseThrow(() -> ApiException.notFound("No payout " + payoutId + "."));
            if (!"pending".equals(payout.status())) {
                throw ApiException.conflict(
                        "payout_not_pending",
                        "Payout " + payoutId + " is " + payout.status() + "; only a pending payout can be reported.");
            }
            Instant now = clock.instant();
            if ("paid".equals(status)) {
                store.updatePayout(c, payoutId, "paid", txRef, null, now);
                return announce(c, withStatus(payout, "paid", txRef, null));
            }
            fail(c, payout, reason, now);
            return withStatus(payout, "failed", null, reason);
        });
    }

    /**
     * After the platform set a creator's KYC status: a verified creator's held payouts go ahead
     * (paid at once in the sandbox); a rejected one's stay held, now with that reason.
     */
    public void kycChanged(String creatorId, String kycStatus) {
        jdbc.inTransaction(c -> {
            for (String payoutId : store.heldPayoutIds(c, creatorId, MAX_RELEASE)) {
                SettlementStore.Payout payout = store.lockPayout(c, payoutId).orElseThrow();
                if ("verified".equals(kycStatus)) {
                    store.updatePayout(c, payoutId, "pending", null, null, clock.instant());
                    proceed(c, payoutId);
                } else {
                    String reason = "rejected".equals(kycStatus) ? KYC_REJECTED : KYC_PENDING;
                    store.updatePayout(c, payout.payoutId(), "held", null, reason, clock.instant());
                }
            }
            return null;
        });
    }

    /** Sandbox: make this creator's next payouts fail. */
    public void failPayoutsFor(String creatorId) {
        jdbc.inTransaction(c -> {
            store.setPayoutsToFail(c, creatorId, true);
            return null;
        });
    }

    /** Sandbox: this creator's next payouts go through again. */
    public void stopFailingPayoutsFor(String creatorId) {
        jdbc.inTransaction(c -> {
            store.setPayoutsToFail(c, creatorId, false);
            return null;
        });
    }

    /** One pending payout, its row locked: held for KYC, or (sandbox) paid or failed at once. */
    private void proceed(Connection c, String payoutId) throws SQLException {
        SettlementStore.Payout payout = store.lockPayout(c, payoutId).orElseThrow();
        if (!"pending".equals(payout.status())) {
            return; // reported or released meanwhile
        }
        Instant now = clock.instant();
        String kyc = store.kycStatus(c, payout.creatorId());
        if (!"verified".equals(kyc)) {
            store.updatePayout(c, payoutId, "held", null, "rejected".equals(kyc) ? KYC_REJECTED : KYC_PENDING, now);
            return;
        }
        if (!sandbox) {
            return; // the payment rail reports back through report()
        }
        if (store.payoutsSetToFail(c, payout.creatorId())) {
            fail(c, payout, "sandbox: payouts to this creator are set to fail", now);
            return;
        }
        String txRef = Ids.newId("tx");
        store.updatePayout(c, payoutId, "paid", txRef, null, now);
        announce(c, withStatus(payout, "paid", txRef, null));
    }

    private void fail(Connection c, SettlementStore.Payout payout, String reason, Instant now) throws SQLException {
        store.updatePayout(c, payout.payoutId(), "failed", null, reason, now);
        store.insertLedger(
                c,
                payout.creatorId(),
                payout.currency(),
                payout.period(),
                List.of(new LedgerLine(LedgerLine.PAYOUT_RETURNED, null, payout.amount(), payout.payoutId())),
                now);
        announce(c, withStatus(payout, "failed", null, reason));
    }

    private SettlementStore.Payout announce(Connection c, SettlementStore.Payout p) throws SQLException {
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
        return p;
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
