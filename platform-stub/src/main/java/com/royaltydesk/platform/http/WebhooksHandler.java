package com.royaltydesk.platform.http;

import com.royaltydesk.platform.core.Validate;
import com.royaltydesk.platform.keys.Principal;
import com.royaltydesk.platform.keys.Role;
import com.royaltydesk.platform.webhooks.WebhookService;
import io.javalin.http.Context;
import java.util.List;

/** Webhook endpoints (create returns the secret once, list, delete), delivery logs and redelivery. */
public final class WebhooksHandler {

    /** Endpoint registration. */
    public record CreateRequest(String url, List<String> eventTypes) {}

    /** {@code GET /v1/webhook-endpoints}. */
    public record EndpointList(List<WebhookService.Endpoint> endpoints) {}

    /** {@code GET /v1/webhook-deliveries}. */
    public record DeliveryList(List<WebhookService.Delivery> deliveries) {}

    /** Redelivery answer. */
    public record Redelivered(String endpointId, String status) {}

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 200;

    private final WebhookService webhooks;
    private final Auth auth;
    private final RequestBodies bodies;

    public WebhooksHandler(WebhookService webhooks, Auth auth, RequestBodies bodies) {
        this.webhooks = webhooks;
        this.auth = auth;
        this.bodies = bodies;
    }

    public void create(Context ctx) {
        String owner = owner(ctx);
        CreateRequest request = bodies.read(ctx, CreateRequest.class);
        ctx.status(201).json(webhooks.create(owner, request.url(), request.eventTypes()));
    }

    public void list(Context ctx) {
        ctx.json(new EndpointList(webhooks.list(owner(ctx))));
    }

    public void delete(Context ctx) {
        webhooks.delete(owner(ctx), Validate.id(ctx.pathParam("id"), "id"));
        ctx.status(204);
    }

    public void deliveries(Context ctx) {
        String owner = owner(ctx);
        String endpointId = Validate.id(ctx.queryParam("endpoint_id"), "endpoint_id");
        int limit = Validate.limit(ctx.queryParam("limit"), DEFAULT_LIMIT, MAX_LIMIT);
        ctx.json(new DeliveryList(webhooks.deliveries(owner, endpointId, limit)));
    }

    public void redeliver(Context ctx) {
        String endpointId = webhooks.redeliver(owner(ctx), Validate.id(ctx.pathParam("id"), "id"));
        ctx.status(202).json(new Redelivered(endpointId, "pending"));
    }

    /** The platform owns platform endpoints (null), a creator its own. */
    private String owner(Context ctx) {
        Principal caller = auth.require(ctx, Role.PLATFORM, Role.CREATOR);
        return caller.is(Role.CREATOR) ? caller.creatorId() : null;
    }
}
