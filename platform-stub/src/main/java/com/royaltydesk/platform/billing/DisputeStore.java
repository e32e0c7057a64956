package com.royaltydesk.platform.billing;

import com.royaltydesk.platform.db.DataAccessException;
import com.royaltydesk.platform.db.Jdbc;
import com.royaltydesk.platform.db.Queries;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Disputes on the {@code disputes} table, and what the ledger holds for them. Writes and the reads a
 * decision rests on run on the caller's connection, inside its transaction; lists read on their own.
 */
final class DisputeStore {

    private static final String COLUMNS = "SELECT dispute_id, creator_id, receipt_id, reason, opened_by, status,"
            + " outcome, held_amount, created_at, resolved_at FROM disputes";

    private final DataSource dataSource;

    DisputeStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void insert(Connection c, DisputeService.Dispute dispute) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO disputes (dispute_id, creator_id, receipt_id, reason, opened_by, status, held_amount, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, 'open', 0, ?)")) {
            s.setString(1, dispute.disputeId());
            s.setString(2, dispute.creatorId());
            s.setString(3, dispute.receiptId());
            s.setString(4, dispute.reason());
            s.setString(5, dispute.openedBy());
            s.setTimestamp(6, Jdbc.timestamp(dispute.createdAt()));
            s.executeUpdate();
        }
    }

    /** One creator's disputes, newest first, {@code limit} from {@code offset} (the caller pages). */
    List<DisputeService.Dispute> list(String creatorId, int offset, int limit) {
        return Queries.list(
                dataSource,
                COLUMNS + " WHERE creator_id = ? ORDER BY created_at DESC, dispute_id OFFSET " + offset
                        + " ROWS FETCH FIRST " + limit + " ROWS ONLY",
                DisputeStore::dispute,
                creatorId);
    }

    Optional<DisputeService.Dispute> find(String disputeId) {
        return Queries.list(dataSource, COLUMNS + " WHERE dispute_id = ?", DisputeStore::dispute, disputeId).stream()
                .findFirst();
    }

    /** The dispute, its row locked until the caller's transaction ends. */
    Optional<DisputeService.Dispute> lock(Connection c, String disputeId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(COLUMNS + " WHERE dispute_id = ? FOR UPDATE")) {
            s.setString(1, disputeId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(dispute(r)) : Optional.empty();
            }
        }
    }

    /** Locks the receipt's row (so two requests cannot both open a dispute on it); returns the open dispute on it, if any. */
    Optional<String> lockReceiptAndFindOpen(Connection c, String receiptId) throws SQLException {
        try (PreparedStatement lock =
                c.prepareStatement("SELECT receipt_id FROM receipts WHERE receipt_id = ? FOR UPDATE")) {
            lock.setString(1, receiptId);
            lock.executeQuery().close();
        }
        try (PreparedStatement s = c.prepareStatement(
                "SELECT dispute_id FROM disputes WHERE receipt_id = ? AND status = 'open' FETCH FIRST 1 ROWS ONLY")) {
            s.setString(1, receiptId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    void resolve(Connection c, String disputeId, String outcome, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE disputes SET status = 'resolved', outcome = ?, resolved_at = ? WHERE dispute_id = ?")) {
            s.setString(1, outcome);
            s.setTimestamp(2, Jdbc.timestamp(at));
            s.setString(3, disputeId);
            s.executeUpdate();
        }
    }

    /** What the ledger holds for one dispute, per currency (as positive amounts). */
    Map<String, BigDecimal> heldByCurrency(Connection c, String disputeId) throws SQLException {
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

    /** Locks the creator's open disputes, then sums what each one's receipt earned in {@code period} and {@code currency}. */
    Map<String, BigDecimal> lockOpenAndSumEarnings(Connection c, String creatorId, String currency, String period)
            throws SQLException {
        try (PreparedStatement lock = c.prepareStatement(
                "SELECT dispute_id FROM disputes WHERE creator_id = ? AND status = 'open' FOR UPDATE")) {
            lock.setString(1, creatorId);
            lock.executeQuery().close();
        }
        Map<String, BigDecimal> earned = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT d.dispute_id, COALESCE(SUM(r.amount), 0) FROM disputes d JOIN usage_rollups r ON r.receipt_id = d.receipt_id"
                        + " WHERE d.creator_id = ? AND d.status = 'open' AND r.currency = ? AND r.period = ?"
                        + " GROUP BY d.dispute_id ORDER BY d.dispute_id")) {
            s.setString(1, creatorId);
            s.setString(2, currency);
            s.setString(3, period);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    earned.put(r.getString(1), r.getBigDecimal(2));
                }
            }
        }
        return earned;
    }

    void addHeld(Connection c, String disputeId, BigDecimal amount) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("UPDATE disputes SET held_amount = held_amount + ? WHERE dispute_id = ?")) {
            s.setBigDecimal(1, amount);
            s.setString(2, disputeId);
            s.executeUpdate();
        }
    }

    /** Money of the creator's open disputes, per currency. */
    Map<String, BigDecimal> openHeld(String creatorId) {
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

    private static DisputeService.Dispute dispute(ResultSet r) throws SQLException {
        return new DisputeService.Dispute(
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
}
