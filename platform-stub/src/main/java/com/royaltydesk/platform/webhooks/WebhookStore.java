package com.royaltydesk.platform.webhooks;

import com.royaltydesk.platform.db.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Webhook endpoints, their deliveries and attempts, on the caller's connection. An owner is the
 * platform ({@code creatorId} null) or one creator.
 */
final class WebhookStore {

    /** Where a delivery went and what it carried. */
    record DeliveryRef(String endpointId, String eventId) {}

    /** The most attempts a delivery's log shows; the dispatcher gives up long before. */
    private static final int MAX_ATTEMPTS_SHOWN = 100;

    void insertEndpoint(Connection c, String creatorId, WebhookService.Endpoint endpoint) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO webhook_endpoints (endpoint_id, owner_role, creator_id, url, event_types, secret, status, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, 'active', ?)")) {
            s.setString(1, endpoint.endpointId());
            s.setString(2, creatorId == null ? "platform" : "creator");
            s.setString(3, creatorId);
            s.setString(4, endpoint.url());
            s.setString(5, String.join(",", endpoint.eventTypes()));
            s.setString(6, endpoint.secret());
            s.setTimestamp(7, Jdbc.timestamp(endpoint.createdAt()));
            s.executeUpdate();
        }
    }

    /** Points every endpoint whose URL ends in {@code pathSuffix} at {@code url}; returns how many moved. */
    int repoint(Connection c, String pathSuffix, String url) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("UPDATE webhook_endpoints SET url = ? WHERE url LIKE ? AND url <> ?")) {
            s.setString(1, url);
            s.setString(2, "%" + pathSuffix);
            s.setString(3, url);
            return s.executeUpdate();
        }
    }

    /** Deliveries waiting for a first or next attempt, on every endpoint. */
    long pendingDeliveries(Connection c) throws SQLException {
        try (PreparedStatement s =
                        c.prepareStatement("SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'pending'");
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    /** The owner's endpoints not deleted, oldest first (secrets left out), at most {@code limit}. */
    List<WebhookService.Endpoint> endpoints(Connection c, String creatorId, int limit) throws SQLException {
        List<WebhookService.Endpoint> endpoints = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT endpoint_id, url, event_types, status, disabled_reason, created_at FROM webhook_endpoints"
                        + " WHERE status <> 'deleted' AND " + ownerClause(creatorId)
                        + " ORDER BY created_at FETCH FIRST " + limit + " ROWS ONLY")) {
            if (creatorId != null) {
                s.setString(1, creatorId);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    endpoints.add(new WebhookService.Endpoint(
                            r.getString(1),
                            r.getString(2),
                            List.of(r.getString(3).split(",")),
                            r.getString(4),
                            r.getString(5),
                            Jdbc.instant(r.getTimestamp(6)),
                            null));
                }
            }
        }
        return endpoints;
    }

    int countEndpoints(Connection c, String creatorId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT COUNT(*) FROM webhook_endpoints WHERE status <> 'deleted' AND " + ownerClause(creatorId))) {
            if (creatorId != null) {
                s.setString(1, creatorId);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    /** Marks the endpoint deleted and fails what was still waiting for it. */
    void deleteEndpoint(Connection c, String endpointId) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("UPDATE webhook_endpoints SET status = 'deleted' WHERE endpoint_id = ?")) {
            s.setString(1, endpointId);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE webhook_deliveries SET status = 'failed', last_error = 'endpoint deleted' WHERE endpoint_id = ? AND status = 'pending'")) {
            s.setString(1, endpointId);
            s.executeUpdate();
        }
    }

    /** The endpoint's status, or null when there is no such endpoint. */
    String endpointStatus(Connection c, String endpointId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT status FROM webhook_endpoints WHERE endpoint_id = ?")) {
            s.setString(1, endpointId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    /** The endpoint's newest deliveries first, at most {@code limit}, each with its attempts. */
    List<WebhookService.Delivery> deliveries(Connection c, String endpointId, int limit) throws SQLException {
        List<WebhookService.Delivery> deliveries = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT d.delivery_id, d.endpoint_id, d.event_id, e.event_type, d.status, d.attempts, d.next_attempt_at,"
                        + " d.last_status_code, d.last_error, d.created_at FROM webhook_deliveries d"
                        + " JOIN webhook_events e ON e.event_id = d.event_id WHERE d.endpoint_id = ?"
                        + " ORDER BY d.created_at DESC, d.delivery_id FETCH FIRST ? ROWS ONLY")) {
            s.setString(1, endpointId);
            s.setInt(2, limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    deliveries.add(new WebhookService.Delivery(
                            r.getString(1),
                            r.getString(2),
                            r.getString(3),
                            r.getString(4),
                            r.getString(5),
                            r.getInt(6),
                            Jdbc.instant(r.getTimestamp(7)),
                            (Integer) r.getObject(8),
                            r.getString(9),
                            Jdbc.instant(r.getTimestamp(10)),
                            attempts(c, r.getString(1))));
                }
            }
        }
        return deliveries;
    }

    /** Where the delivery went and what it carried, or null when there is no such delivery. */
    DeliveryRef delivery(Connection c, String deliveryId) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("SELECT endpoint_id, event_id FROM webhook_deliveries WHERE delivery_id = ?")) {
            s.setString(1, deliveryId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? new DeliveryRef(r.getString(1), r.getString(2)) : null;
            }
        }
    }

    private static List<WebhookService.Attempt> attempts(Connection c, String deliveryId) throws SQLException {
        List<WebhookService.Attempt> attempts = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT attempted_at, status_code, error, duration_ms FROM webhook_attempts WHERE delivery_id = ? ORDER BY seq"
                        + " FETCH FIRST " + MAX_ATTEMPTS_SHOWN + " ROWS ONLY")) {
            s.setString(1, deliveryId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    attempts.add(new WebhookService.Attempt(
                            Jdbc.instant(r.getTimestamp(1)), (Integer) r.getObject(2), r.getString(3), r.getLong(4)));
                }
            }
        }
        return attempts;
    }

    private static String ownerClause(String creatorId) {
        return creatorId == null ? "owner_role = 'platform'" : "creator_id = ?";
    }
}
