package com.royaltydesk.platform.billing;

import com.royaltydesk.platform.core.ApiException;
import com.royaltydesk.platform.core.Ids;
import com.royaltydesk.platform.db.DataAccessException;
import com.royaltydesk.platform.db.Jdbc;
import com.royaltydesk.platform.usage.Periods;
import com.royaltydesk.platform.webhooks.EventTypes;
import com.royaltydesk.platform.webhooks.Outbox;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
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

    private final DataSource dataSource;
    private final Jdbc jdbc;
    private final Outbox outbox;
    private final Clock clock;

    public DisputeService(DataSource dataSource, Jdbc jdbc, Outbox outbox, Clock clock) {
        this.dataSource = dataSource;
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
            refuseASecondOpenDispute(c, receiptId);
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO disputes (dispute_id, creator_id, receipt_id, reason, opened_by, status, held_amount, created_at)"
                            + " VALUES (?, ?, ?, ?, ?, 'open', 0, ?)")) {
                s.setString(1, dispute.disputeId());
                s.setString(2, creatorId);
                s.setString(3, receiptId);
                s.setString(4, reason);
                s.setString(5, openedBy);
                s.setTimestamp(6, Jdbc.timestamp(dispute.createdAt()));
                s.executeUpdate();
            }
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

    private static final String COLUMNS = "SELECT dispute_id, creator_id, receipt_id, reason, opened_by, status,"
            + " outcome, held_amount, created_at, resolved_at FROM disputes";

    /** One creator's disputes, newest first, {@code limit} from {@code offset} (the caller pages). */
    public java.util.List<Dispute> list(String creatorId, int offset, int limit) {
        return com.royaltydesk.platform.db.Queries.list(
                dataSource,
                COLUMNS + " WHERE creator_id = ? ORDER BY created_at DESC, dispute_id OFFSET " + offset
                        + " ROWS FETCH FIRST " + limit + " ROWS ONLY",
                DisputeService::dispute,
                creatorId);
    }

    public Optional<Dispute> find(String disputeId) {
        return com.royaltydesk.platform.db.Queries.list(
                        dataSource, COLUMNS + " WHERE dispute_id = ?", DisputeService::dispute, disputeId)
                .stream()
                .findFirst();
    }

    private static Dispute dispute(ResultSet r) throws SQLException {
        return new Dispute(
                r.getString(1),
                r.getString(2),
                r.getString(3),
                r.getString(4),
                r.getString(5),
                r.getString(6),
                r.getString(7),
                Money.plain(r.getBigDecimal(8)),
                Jdbc.instant(r.getTimestamp(9)),
                Jdbc.instant(r.getTimestamp(10)));
    }

    /** Resolves an open dispute; on release the held amount goes back on the creator's ledger. */
    public Dispute resolve(String disputeId, String outcome) {
        if (!RELEASE.equals(outcome) && !FORFEIT.equals(outcome)) {
            throw ApiException.invalid("outcome", "outcome must be release or forfeit.");
        }
        jdbc.inTransaction(c -> {
            Dispute dispute = lockOpen(c, disputeId);
            Instant now = clock.instant();
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE disputes SET status = 'resolved', outcome = ?, resolved_at = ? WHERE dispute_id = ?")) {
                s.setString(1, outcome);
                s.setTimestamp(2, Jdbc.timestamp(now));
                s.setString(3, disputeId);
                s.executeUpdate();
            }
            if (RELEASE.equals(outcome) && dispute.heldAmount().signum() != 0) {
                for (Map.Entry<String, BigDecimal> held :
                        heldByCurrency(c, disputeId).entrySet()) {
                    try (PreparedStatement s = c.prepareStatement(
                            "INSERT INTO ledger_entries (creator_id, currency, period, kind, asset_id, amount, ref, created_at)"
                                    + " VALUES (?, ?, ?, ?, NULL, ?, ?, ?)")) {
                        s.setString(1, dispute.creatorId());
                        s.setString(2, held.getKey());
                        s.setString(3, Periods.of(now));
                        s.setString(4, LedgerLine.DISPUTE_RELEASE);
                        s.setBigDecimal(5, held.getValue());
                        s.setString(6, disputeId);
                        s.setTimestamp(7, Jdbc.timestamp(now));
                        s.executeUpdate();
                    }
                }
            }
            return null;
        });
        return find(disputeId).orElseThrow();
    }

    /**
     * One open dispute per receipt, so its money is held once: the receipt's row is locked while
     * the check and the insert happen, so two requests at once cannot both pass.
     */
    private static void refuseASecondOpenDispute(Connection c, String receiptId) throws SQLException {
        try (PreparedStatement lock =
                c.prepareStatement("SELECT receipt_id FROM receipts WHERE receipt_id = ? FOR UPDATE")) {
            lock.setString(1, receiptId);
            lock.executeQuery().close();
        }
        try (PreparedStatement s = c.prepareStatement(
                "SELECT dispute_id FROM disputes WHERE receipt_id = ? AND status = 'open' FETCH FIRST 1 ROWS ONLY")) {
            s.setString(1, receiptId);
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    throw ApiException.conflict(
                            "dispute_already_open",
                            "Receipt " + receiptId + " already has an open dispute, " + r.getString(1)
                                    + "; its money is held once, until that one is resolved.");
                }
            }
        }
    }

    /**
     * What each open dispute of the creator holds back from this period's settlement. The open
     * disputes are locked first: a dispute resolved at the same moment is either resolved before
     * (nothing held) or after this settlement commits (its hold then released) — never held forever.
     */
    Map<String, BigDecimal> holds(Connection c, String creatorId, String currency, String period) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement(
                "SELECT dispute_id FROM disputes WHERE creator_id = ? AND status = 'open' FOR UPDATE")) {
            lock.setString(1, creatorId);
            lock.executeQuery().close();
        }
        Map<String, BigDecimal> holds = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT d.dispute_id, COALESCE(SUM(r.amount), 0) FROM disputes d JOIN usage_rollups r ON r.receipt_id = d.receipt_id"
                        + " WHERE d.creator_id = ? AND d.status = 'open' AND r.currency = ? AND r.period = ?"
                        + " GROUP BY d.dispute_id ORDER BY d.dispute_id")) {
            s.setString(1, creatorId);
            s.setString(2, currency);
            s.setString(3, period);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    if (r.getBigDecimal(2).signum() > 0) {
                        holds.put(r.getString(1), r.getBigDecimal(2));
                    }
                }
            }
        }
        for (Map.Entry<String, BigDecimal> hold : holds.entrySet()) {
            try (PreparedStatement s =
                    c.prepareStatement("UPDATE disputes SET held_amount = held_amount + ? WHERE dispute_id = ?")) {
                s.setBigDecimal(1, hold.getValue());
                s.setString(2, hold.getKey());
                s.executeUpdate();
            }
        }
        return holds;
    }

    /** Money of open disputes, per currency, for balances. */
    public Map<String, BigDecimal> openHeld(String creatorId) {
        Map<String, BigDecimal> held = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT l.currency, -SUM(l.amount) FROM ledger_entries l JOIN disputes d ON d.dispute_id = l.ref"
                                + " WHERE d.creator_id = ? AND d.status = 'open' AND l.kind = ? GROUP BY l.currency")) {
            s.setString(1, creatorId);
            s.setString(2, LedgerLine.DISPUTE_HOLD);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    held.put(r.getString(1), r.getBigDecimal(2));
                }
            }
            return held;
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    private Dispute lockOpen(Connection c, String disputeId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT status FROM disputes WHERE dispute_id = ? FOR UPDATE")) {
            s.setString(1, disputeId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw ApiException.notFound("No dispute " + disputeId + ".");
                }
                if (!"open".equals(r.getString(1))) {
                    throw ApiException.conflict("dispute_resolved", "Dispute " + disputeId + " is already resolved.");
                }
            }
        }
        return find(disputeId).orElseThrow();
    }

    private static Map<String, BigDecimal> heldByCurrency(Connection c, String disputeId) throws SQLException {
        Map<String, BigDecimal> held = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT currency, -SUM(amount) FROM ledger_entries WHERE ref = ? AND kind = ? GROUP BY currency")) {
            s.setString(1, disputeId);
            s.setString(2, LedgerLine.DISPUTE_HOLD);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    held.put(r.getString(1), r.getBigDecimal(2));
                }
            }
        }
        return held;
    }
}
