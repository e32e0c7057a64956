package com.royaltydesk.platform.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.royaltydesk.platform.core.Ids;
import com.royaltydesk.platform.db.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records an event and its deliveries inside the caller's transaction, so an event exists exactly
 * when the change it reports does. Platform endpoints get every event; a creator's endpoints get
 * the events about that creator. An event no endpoint wants is not stored: events are read only
 * through their deliveries, and storing one for every receipt nobody subscribed to cost a row and
 * a random-key index entry per receipt (issue #15, decision 0027).
 */
public final class Outbox {

    private final ObjectMapper json;
    private final Clock clock;

    public Outbox(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    public void enqueue(Connection c, String type, String creatorId, Map<String, Object> data) throws SQLException {
        enqueueAll(c, type, List.of(new Event(creatorId, data)));
    }

    /** One event for the outbox: the creator it concerns and its data. */
    public record Event(String creatorId, Map<String, Object> data) {}

    /**
     * Several events of one type in one go (a group of receipts): each creator's subscribers are
     * looked up once, and the rows go in as two JDBC batches.
     */
    public void enqueueAll(Connection c, String type, List<Event> events) throws SQLException {
        Instant now = clock.instant();
        Map<String, List<String>> subscribersOf = new HashMap<>();
        try (PreparedStatement insertEvent = c.prepareStatement(
                        "INSERT INTO webhook_events (event_id, event_type, creator_id, payload, created_at) VALUES (?, ?, ?, ?, ?)");
                PreparedStatement insertDelivery = c.prepareStatement(INSERT_DELIVERY)) {
            boolean anyEvent = false;
            for (Event event : events) {
                List<String> endpoints = subscribersOf.get(event.creatorId());
                if (endpoints == null) {
                    endpoints = subscribers(c, type, event.creatorId());
                    subscribersOf.put(event.creatorId(), endpoints);
                }
                if (endpoints.isEmpty()) {
                    continue;
                }
                String eventId = Ids.newId("msg");
                insertEvent.setString(1, eventId);
                insertEvent.setString(2, type);
                insertEvent.setString(3, event.creatorId());
                insertEvent.setString(4, payload(type, now, event.data()));
                insertEvent.setTimestamp(5, Jdbc.timestamp(now));
                insertEvent.addBatch();
                anyEvent = true;
                for (String endpointId : endpoints) {
                    bindDelivery(insertDelivery, endpointId, eventId, now);
                    insertDelivery.addBatch();
                }
            }
            // An event is stored only with its deliveries: both batches or neither.
            if (anyEvent) {
                insertEvent.executeBatch();
                insertDelivery.executeBatch();
            }
        }
    }

    private String payload(String type, Instant now, Map<String, Object> data) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("type", type);
        envelope.put("timestamp", now.toString());
        envelope.put("data", data);
        try {
            return json.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("webhook payload is not serialisable", e);
        }
    }

    private static final String INSERT_DELIVERY =
            "INSERT INTO webhook_deliveries (delivery_id, endpoint_id, event_id, status, attempts, next_attempt_at, created_at, updated_at)"
                    + " VALUES (?, ?, ?, 'pending', 0, ?, ?, ?)";

    static void insertDelivery(Connection c, String endpointId, String eventId, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT_DELIVERY)) {
            bindDelivery(s, endpointId, eventId, now);
            s.executeUpdate();
        }
    }

    private static void bindDelivery(PreparedStatement s, String endpointId, String eventId, Instant now)
            throws SQLException {
        s.setString(1, Ids.newId("dlv"));
        s.setString(2, endpointId);
        s.setString(3, eventId);
        s.setTimestamp(4, Jdbc.timestamp(now));
        s.setTimestamp(5, Jdbc.timestamp(now));
        s.setTimestamp(6, Jdbc.timestamp(now));
    }

    /** Subscribers read per page: every one of them is reached, a page at a time. */
    private static final int PAGE = 1_000;

    /**
     * Every active endpoint that wants {@code type} and may know about it (the platform's, or the
     * event's creator's), selected in SQL and paged by endpoint id — all of them, none dropped.
     */
    private static List<String> subscribers(Connection c, String type, String creatorId) throws SQLException {
        List<String> endpoints = new ArrayList<>();
        String after = "";
        while (true) {
            List<String> page = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT endpoint_id FROM webhook_endpoints"
                    + " WHERE status = 'active' AND endpoint_id > ?"
                    + " AND (',' || event_types || ',') LIKE ?"
                    + " AND (owner_role = 'platform' OR creator_id = ?)"
                    + " ORDER BY endpoint_id FETCH FIRST " + PAGE + " ROWS ONLY")) {
                s.setString(1, after);
                s.setString(2, "%," + type + ",%");
                s.setString(3, creatorId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        page.add(r.getString(1));
                    }
                }
            }
            endpoints.addAll(page);
            if (page.size() < PAGE) {
                return endpoints;
            }
            after = page.get(page.size() - 1);
        }
    }
}
