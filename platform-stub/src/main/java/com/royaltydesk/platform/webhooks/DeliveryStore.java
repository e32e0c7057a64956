package com.royaltydesk.platform.webhooks;

import com.royaltydesk.platform.db.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The dispatcher's bookkeeping on the caller's connection: leases, attempts, outcomes. */
final class DeliveryStore {

    /** A pending delivery that is due, and its endpoint. */
    record Candidate(String deliveryId, String endpointId) {}

    /** A leased delivery with everything an attempt needs. */
    record Due(
            String deliveryId,
            String eventId,
            String endpointId,
            String url,
            String secret,
            String payload,
            int attempts,
            Instant eventCreatedAt) {}

    /** What an attempt left a delivery as. */
    record Outcome(String status, int attempts, Instant nextAttemptAt, Integer statusCode, String error) {}

    /**
     * The oldest due, unleased delivery of each active endpoint, oldest first, at most {@code limit}:
     * one endpoint's backlog never fills a batch.
     */
    List<Candidate> oldestDuePerEndpoint(Connection c, Instant now, int limit) throws SQLException {
        List<Candidate> candidates = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT delivery_id, endpoint_id FROM ("
                + "SELECT d.delivery_id, d.endpoint_id, d.next_attempt_at, ROW_NUMBER() OVER"
                + " (PARTITION BY d.endpoint_id ORDER BY d.next_attempt_at, d.delivery_id) AS place"
                + " FROM webhook_deliveries d JOIN webhook_endpoints w ON w.endpoint_id = d.endpoint_id"
                + " WHERE d.status = 'pending' AND w.status = 'active' AND d.next_attempt_at <= ?"
                + " AND (d.lease_until IS NULL OR d.lease_until < ?)) oldest"
                + " WHERE place = 1 ORDER BY next_attempt_at, delivery_id FETCH FIRST ? ROWS ONLY")) {
            s.setTimestamp(1, Jdbc.timestamp(now));
            s.setTimestamp(2, Jdbc.timestamp(now));
            s.setInt(3, limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    candidates.add(new Candidate(r.getString(1), r.getString(2)));
                }
            }
        }
        return candidates;
    }

    /**
     * Leases the delivery until {@code until} if it is still pending and unleased at {@code now}
     * (another instance may have leased it since it was read); false when it was not.
     */
    boolean lease(Connection c, String deliveryId, Instant now, Instant until) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE webhook_deliveries SET lease_until = ?"
                + " WHERE delivery_id = ? AND status = 'pending' AND (lease_until IS NULL OR lease_until < ?)")) {
            s.setTimestamp(1, Jdbc.timestamp(until));
            s.setString(2, deliveryId);
            s.setTimestamp(3, Jdbc.timestamp(now));
            return s.executeUpdate() == 1;
        }
    }

    /** The leased delivery with its endpoint and event; null when it is gone. */
    Due due(Connection c, String deliveryId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT d.delivery_id, d.event_id, d.endpoint_id, w.url, w.secret, e.payload, d.attempts, e.created_at"
                        + " FROM webhook_deliveries d JOIN webhook_endpoints w ON w.endpoint_id = d.endpoint_id"
                        + " JOIN webhook_events e ON e.event_id = d.event_id WHERE d.delivery_id = ?")) {
            s.setString(1, deliveryId);
            try (ResultSet r = s.executeQuery()) {
                return r.next()
                        ? new Due(
                                r.getString(1),
                                r.getString(2),
                                r.getString(3),
                                r.getString(4),
                                r.getString(5),
                                r.getString(6),
                                r.getInt(7),
                                Jdbc.instant(r.getTimestamp(8)))
                        : null;
            }
        }
    }

    void insertAttempt(
            Connection c, String deliveryId, Instant started, Integer statusCode, String error, long durationMs)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO webhook_attempts (delivery_id, attempted_at, status_code, error, duration_ms) VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, deliveryId);
            s.setTimestamp(2, Jdbc.timestamp(started));
            s.setObject(3, statusCode);
            s.setString(4, error);
            s.setLong(5, durationMs);
            s.executeUpdate();
        }
    }

    void disableEndpoint(Connection c, String endpointId, String reason) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE webhook_endpoints SET status = 'disabled', disabled_reason = ? WHERE endpoint_id = ?")) {
            s.setString(1, reason);
            s.setString(2, endpointId);
            s.executeUpdate();
        }
    }

    /** Records the outcome and ends the lease. */
    void updateDelivery(Connection c, String deliveryId, Outcome outcome, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE webhook_deliveries SET status = ?, attempts = ?, next_attempt_at = ?, lease_until = NULL,"
                        + " last_status_code = ?, last_error = ?, updated_at = ? WHERE delivery_id = ?")) {
            s.setString(1, outcome.status());
            s.setInt(2, outcome.attempts());
            s.setTimestamp(3, Jdbc.timestamp(outcome.nextAttemptAt()));
            s.setObject(4, outcome.statusCode());
            s.setString(5, outcome.error());
            s.setTimestamp(6, Jdbc.timestamp(now));
            s.setString(7, deliveryId);
            s.executeUpdate();
        }
    }
}
