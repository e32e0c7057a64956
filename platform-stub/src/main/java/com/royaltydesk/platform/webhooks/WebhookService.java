package com.royaltydesk.platform.webhooks;

import com.royaltydesk.platform.core.ApiException;
import com.royaltydesk.platform.core.Ids;
import com.royaltydesk.platform.db.DataAccessException;
import com.royaltydesk.platform.db.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Webhook endpoints and their delivery logs, scoped to an owner: the platform (owner {@code null}
 * creator) or one creator. Secrets are returned once, at creation.
 */
public final class WebhookService {

    /** An endpoint; {@code secret} is set only in the creation answer. */
    public record Endpoint(
            String endpointId,
            String url,
            List<String> eventTypes,
            String status,
            String disabledReason,
            Instant createdAt,
            String secret) {}

    /** One attempt of a delivery. */
    public record Attempt(Instant attemptedAt, Integer statusCode, String error, long durationMs) {}

    /** A delivery with its attempts. */
    public record Delivery(
            String deliveryId,
            String endpointId,
            String eventId,
            String eventType,
            String status,
            int attempts,
            Instant nextAttemptAt,
            Integer lastStatusCode,
            String lastError,
            Instant createdAt,
            List<Attempt> log) {}

    private static final int MAX_ENDPOINTS_PER_OWNER = 20;

    private final DataSource dataSource;
    private final Jdbc jdbc;
    private final UrlGuard guard;
    private final Clock clock;

    public WebhookService(DataSource dataSource, Jdbc jdbc, UrlGuard guard, Clock clock) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.guard = guard;
        this.clock = clock;
    }

    public Endpoint create(String creatorId, String url, List<String> eventTypes) {
        String checkedUrl = guard.check(url).toString();
        Set<String> types = new LinkedHashSet<>();
        if (eventTypes == null || eventTypes.isEmpty()) {
            throw ApiException.invalid("event_types", "event_types must list at least one of " + EventTypes.ALL + ".");
        }
        for (int i = 0; i < eventTypes.size(); i++) {
            String type = eventTypes.get(i);
            // Every element is checked, a null one included (Set.contains(null) would throw).
            if (type == null || !EventTypes.ALL.contains(type)) {
                throw ApiException.invalid(
                        "event_types[" + i + "]",
                        "Unknown event type '" + type + "'; choose from " + EventTypes.ALL + ".");
            }
            types.add(type);
        }
        Endpoint endpoint = new Endpoint(
                Ids.newId("we"),
                checkedUrl,
                List.copyOf(types),
                "active",
                null,
                clock.instant(),
                WebhookSigner.newSecret());
        jdbc.inTransaction(c -> {
            if (count(c, creatorId) >= MAX_ENDPOINTS_PER_OWNER) {
                throw ApiException.conflict(
                        "too_many_endpoints", "At most " + MAX_ENDPOINTS_PER_OWNER + " webhook endpoints per owner.");
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO webhook_endpoints (endpoint_id, owner_role, creator_id, url, event_types, secret, status, created_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, 'active', ?)")) {
                s.setString(1, endpoint.endpointId());
                s.setString(2, creatorId == null ? "platform" : "creator");
                s.setString(3, creatorId);
                s.setString(4, endpoint.url());
                s.setString(5, String.join(",", types));
                s.setString(6, endpoint.secret());
                s.setTimestamp(7, Jdbc.timestamp(endpoint.createdAt()));
                s.executeUpdate();
            }
            return null;
        });
        return endpoint;
    }

    /** The path of the sandbox's own receiver (demo history deliveries go there; it keeps nothing). */
    public static final String SANDBOX_SINK_PATH = "/v1/sandbox/webhook-sink";

    /**
     * Sandbox: points every endpoint at the sandbox's own receiver to {@code baseUrl}, whose port a
     * new start picks anew; returns how many. Called at each start, before deliveries run.
     */
    public int pointSandboxSinkAt(String baseUrl) {
        String url = baseUrl + SANDBOX_SINK_PATH;
        return jdbc.inTransaction(c -> {
            try (PreparedStatement s =
                    c.prepareStatement("UPDATE webhook_endpoints SET url = ? WHERE url LIKE ? AND url <> ?")) {
                s.setString(1, url);
                s.setString(2, "%" + SANDBOX_SINK_PATH);
                s.setString(3, url);
                return s.executeUpdate();
            }
        });
    }

    /** Deliveries waiting for a first or next attempt, on every endpoint: the metrics' webhook backlog. */
    public long backlog() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement("SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'pending'");
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    public List<Endpoint> list(String creatorId) {
        List<Endpoint> endpoints = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT endpoint_id, url, event_types, status, disabled_reason, created_at FROM webhook_endpoints"
                                + " WHERE status <> 'deleted' AND " + ownerClause(creatorId)
                                + " ORDER BY created_at FETCH FIRST 100 ROWS ONLY")) {
            if (creatorId != null) {
                s.setString(1, creatorId);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    endpoints.add(new Endpoint(
                            r.getString(1),
                            r.getString(2),
                            List.of(r.getString(3).split(",")),
                            r.getString(4),
                            r.getString(5),
                            Jdbc.instant(r.getTimestamp(6)),
                            null));
                }
            }
            return endpoints;
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    public void delete(String creatorId, String endpointId) {
        requireOwned(creatorId, endpointId);
        jdbc.inTransaction(c -> {
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
            return null;
        });
    }

    public List<Delivery> deliveries(String creatorId, String endpointId, int limit) {
        requireOwned(creatorId, endpointId);
        List<Delivery> deliveries = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT d.delivery_id, d.endpoint_id, d.event_id, e.event_type, d.status, d.attempts, d.next_attempt_at,"
                                + " d.last_status_code, d.last_error, d.created_at FROM webhook_deliveries d"
                                + " JOIN webhook_events e ON e.event_id = d.event_id WHERE d.endpoint_id = ?"
                                + " ORDER BY d.created_at DESC, d.delivery_id FETCH FIRST ? ROWS ONLY")) {
            s.setString(1, endpointId);
            s.setInt(2, limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    deliveries.add(new Delivery(
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
            return deliveries;
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** Sends the delivery's event again as a new delivery, now. */
    public String redeliver(String creatorId, String deliveryId) {
        return jdbc.inTransaction(c -> {
            String endpointId;
            String eventId;
            try (PreparedStatement s =
                    c.prepareStatement("SELECT endpoint_id, event_id FROM webhook_deliveries WHERE delivery_id = ?")) {
                s.setString(1, deliveryId);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        throw ApiException.notFound("No delivery " + deliveryId + ".");
                    }
                    endpointId = r.getString(1);
                    eventId = r.getString(2);
                }
            }
            requireOwned(creatorId, endpointId);
            requireActive(c, endpointId);
            Outbox.insertDelivery(c, endpointId, eventId, clock.instant());
            return endpointId;
        });
    }

    /** A disabled endpoint gets nothing, a redelivery included. */
    private static void requireActive(java.sql.Connection c, String endpointId) throws java.sql.SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT status FROM webhook_endpoints WHERE endpoint_id = ?")) {
            s.setString(1, endpointId);
            try (ResultSet r = s.executeQuery()) {
                if (r.next() && !"active".equals(r.getString(1))) {
                    throw ApiException.conflict(
                            "endpoint_not_active",
                            "Webhook endpoint " + endpointId + " is " + r.getString(1)
                                    + "; it receives no deliveries.");
                }
            }
        }
    }

    private void requireOwned(String creatorId, String endpointId) {
        boolean owned = list(creatorId).stream().anyMatch(e -> e.endpointId().equals(endpointId));
        if (!owned) {
            throw ApiException.notFound("No webhook endpoint " + endpointId + ".");
        }
    }

    private static List<Attempt> attempts(Connection c, String deliveryId) throws SQLException {
        List<Attempt> attempts = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT attempted_at, status_code, error, duration_ms FROM webhook_attempts WHERE delivery_id = ? ORDER BY seq"
                        + " FETCH FIRST 100 ROWS ONLY")) {
            s.setString(1, deliveryId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    attempts.add(new Attempt(
                            Jdbc.instant(r.getTimestamp(1)), (Integer) r.getObject(2), r.getString(3), r.getLong(4)));
                }
            }
        }
        return attempts;
    }

    private static int count(Connection c, String creatorId) throws SQLException {
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

    private static String ownerClause(String creatorId) {
        return creatorId == null ? "owner_role = 'platform'" : "creator_id = ?";
    }
}
