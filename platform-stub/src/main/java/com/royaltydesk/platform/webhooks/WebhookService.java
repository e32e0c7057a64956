package com.royaltydesk.platform.webhooks;

import com.royaltydesk.platform.core.ApiException;
import com.royaltydesk.platform.core.Ids;
import com.royaltydesk.platform.db.Jdbc;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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
    /** Well above what creation allows per owner, so a list is whole even after a race past the limit. */
    private static final int MAX_LISTED = 100;

    private final Jdbc jdbc;
    private final WebhookStore store = new WebhookStore();
    private final UrlGuard guard;
    private final Clock clock;

    public WebhookService(Jdbc jdbc, UrlGuard guard, Clock clock) {
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
            if (store.countEndpoints(c, creatorId) >= MAX_ENDPOINTS_PER_OWNER) {
                throw ApiException.conflict(
                        "too_many_endpoints", "At most " + MAX_ENDPOINTS_PER_OWNER + " webhook endpoints per owner.");
            }
            store.insertEndpoint(c, creatorId, endpoint);
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
        return jdbc.inTransaction(c -> store.repoint(c, SANDBOX_SINK_PATH, baseUrl + SANDBOX_SINK_PATH));
    }

    /** Deliveries waiting for a first or next attempt, on every endpoint: the metrics' webhook backlog. */
    public long backlog() {
        return jdbc.read(store::pendingDeliveries);
    }

    /** The owner's endpoints, oldest first: all of them, as creation allows no more than this reads. */
    public List<Endpoint> list(String creatorId) {
        return jdbc.read(c -> store.endpoints(c, creatorId, MAX_LISTED));
    }

    public void delete(String creatorId, String endpointId) {
        requireOwned(creatorId, endpointId);
        jdbc.inTransaction(c -> {
            store.deleteEndpoint(c, endpointId);
            return null;
        });
    }

    public List<Delivery> deliveries(String creatorId, String endpointId, int limit) {
        requireOwned(creatorId, endpointId);
        return jdbc.read(c -> store.deliveries(c, endpointId, limit));
    }

    /** Sends the delivery's event again as a new delivery, now. */
    public String redeliver(String creatorId, String deliveryId) {
        return jdbc.inTransaction(c -> {
            WebhookStore.DeliveryRef delivery = store.delivery(c, deliveryId);
            if (delivery == null) {
                throw ApiException.notFound("No delivery " + deliveryId + ".");
            }
            requireOwned(creatorId, delivery.endpointId());
            // A disabled endpoint gets nothing, a redelivery included.
            String status = store.endpointStatus(c, delivery.endpointId());
            if (status != null && !"active".equals(status)) {
                throw ApiException.conflict(
                        "endpoint_not_active",
                        "Webhook endpoint " + delivery.endpointId() + " is " + status + "; it receives no deliveries.");
            }
            Outbox.insertDelivery(c, delivery.endpointId(), delivery.eventId(), clock.instant());
            return delivery.endpointId();
        });
    }

    private void requireOwned(String creatorId, String endpointId) {
        boolean owned = list(creatorId).stream().anyMatch(e -> e.endpointId().equals(endpointId));
        if (!owned) {
            throw ApiException.notFound("No webhook endpoint " + endpointId + ".");
        }
    }
}
