package com.royaltydesk.platform.billing;

import com.royaltydesk.platform.core.ApiException;
import com.royaltydesk.platform.core.Ids;
import com.royaltydesk.platform.db.Jdbc;
import com.royaltydesk.platform.usage.Periods;
import com.royaltydesk.platform.webhooks.EventTypes;
import com.royaltydesk.platform.webhooks.Outbox;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Disputes over a receipt. While a dispute is open, whatever the receipt earns in a settled period
 * is held out of the payout; resolving it releases the held money to the creator's balance or
 * forfeits it (kept on record, never paid).
 */
public final class DisputeService {

    /** A dispute as stored. */
    public record Dispute(
            String disputeId,
            String creatorId,
            String receiptId,
            String reason,
            String openedBy,
            String status,
            String outcome,
            BigDecimal heldAmount,
            Instant createdAt,
            Instant resolvedAt) {}

    public static final String RELEASE = "release";
    public static final String FORFEIT = "forfeit";

    private final DisputeStore store;
    private final SettlementStore ledger;
    private final Jdbc jdbc;
    private final Outbox outbox;
    private final Clock clock;

    public DisputeService(DataSource dataSource, SettlementStore ledger, Jdbc jdbc, Outbox outbox, Clock clock) {
        this.store = new DisputeStore(dataSource);
        this.ledger = ledger;
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
    }

    public Dispute open(String creatorId, String receiptId, String reason, String openedBy) {
        Dispute dispute = new Dispute(
                Ids.newId("dsp"),
                creatorId,
                receiptId,
                reason,
                openedBy,
                "open",
                null,
                BigDecimal.ZERO,
                clock.instant(),
                null);
        jdbc.inTransaction(c -> {
            // One open dispute per receipt, so its money is held once: the receipt's row is locked
            // while the check and the insert happen, so two requests at once cannot both pass.
            Optional<String> open = store.lockReceiptAndFindOpen(c, receiptId);
            if (open.isPresent()) {
                throw ApiException.conflict(
                        "dispute_already_open",
                        "Receipt " + receiptId + " already has an open dispute, " + open.get()
                                + "; its money is held once, until that one is resolved.");
            }
            store.insert(c, dispute);
            outbox.enqueue(
                    c,
                    EventTypes.DISPUTE_CREATED,
                    creatorId,
                    Map.of(
                            "dispute_id",
                            dispute.disputeId(),
                            "creator_id",
                            creatorId,
                            "receipt_id",
                            receiptId,
                            "reason",
                            reason,
                            "opened_by",
                            openedBy));
            return null;
        });
        return dispute;
    }

    /** One creator's disputes, newest first, {@code limit} from {@code offset} (the caller pages). */
    public List<Dispute> list(String creatorId, int offset, int limit) {
        return store.list(creatorId, offset, limit);
    }

    public Optional<Dispute> find(String disputeId) {
        return store.find(disputeId);
    }

    /** Resolves an open dispute; on release the held amount goes back on the creator's ledger. */
    public Dispute resolve(String disputeId, String outcome) {
        if (!RELEASE.equals(outcome) && !FORFEIT.equals(outcome)) {
            throw ApiException.invalid("outcome", "outcome must be release or forfeit.");
        }
        return jdbc.inTransaction(c -> {
            // Read, decided and written under the row's lock, in one transaction.
            Dispute dispute =
                    store.lock(c, disputeId).orElseThrow(() -> ApiException.notFound("No dispute " + disputeId + "."));
            if (!"open".equals(dispute.status())) {
                throw ApiException.conflict("dispute_resolved", "Dispute " + disputeId + " is already resolved.");
            }
            Instant now = clock.instant();
            store.resolve(c, disputeId, outcome, now);
            if (RELEASE.equals(outcome) && dispute.heldAmount().signum() != 0) {
                for (Map.Entry<String, BigDecimal> held :
                        store.heldByCurrency(c, disputeId).entrySet()) {
                    ledger.insertLedger(
                            c,
                            dispute.creatorId(),
                            held.getKey(),
                            Periods.of(now),
                            List.of(new LedgerLine(LedgerLine.DISPUTE_RELEASE, null, held.getValue(), disputeId)),
                            now);
                }
            }
            // As stored (the database's precision for resolved_at), read in the same transaction.
            return store.lock(c, disputeId).orElseThrow();
        });
    }

    /**
     * What each open dispute of the creator holds back from this period's settlement. The open
     * disputes are locked first: a dispute resolved at the same moment is either resolved before
     * (nothing held) or after this settlement commits (its hold then released) — never held forever.
     */
    Map<String, BigDecimal> holds(Connection c, String creatorId, String currency, String period) throws SQLException {
        Map<String, BigDecimal> holds = new LinkedHashMap<>();
        store.lockOpenAndSumEarnings(c, creatorId, currency, period).forEach((disputeId, earned) -> {
            if (earned.signum() > 0) {
                holds.put(disputeId, earned);
            }
        });
        for (Map.Entry<String, BigDecimal> hold : holds.entrySet()) {
            store.addHeld(c, hold.getKey(), hold.getValue());
        }
        return holds;
    }

    /** Money of open disputes, per currency, for balances. */
    public Map<String, BigDecimal> openHeld(String creatorId) {
        return store.openHeld(creatorId);
    }
}
