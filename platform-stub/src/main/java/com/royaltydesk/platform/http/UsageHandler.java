package com.royaltydesk.platform.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.royaltydesk.platform.core.ApiException;
import com.royaltydesk.platform.core.Validate;
import com.royaltydesk.platform.keys.Principal;
import com.royaltydesk.platform.keys.Role;
import com.royaltydesk.platform.sandbox.RateLimiter;
import com.royaltydesk.platform.usage.IngestionService;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;

/** {@code POST /v1/usage-events} for hosts, and the platform's release of held batches. */
public final class UsageHandler {

    /** Release answer. */
    public record Released(String batchId, int released) {}

    private final IngestionService ingestion;
    private final Auth auth;
    private final ObjectMapper json;
    private final RateLimiter requests;
    private final RateLimiter velocity;

    public UsageHandler(IngestionService ingestion, Auth auth, ObjectMapper json, Clock clock) {
        this.ingestion = ingestion;
        this.auth = auth;
        this.json = json;
        this.requests = new RateLimiter(ingestion.limits().requestsPerSecond(), Duration.ofSeconds(1), clock);
        this.velocity = new RateLimiter(ingestion.limits().eventsPerMinute(), Duration.ofMinutes(1), clock);
    }

    public void ingest(Context ctx) {
        Principal host = auth.require(ctx, Role.HOST);
        limit(requests.acquire(host.hostId()), "Too many requests from this host");
        JsonNode body = readBody(ctx);
        JsonNode events = body.get("events");
        if (events != null && events.isArray()) {
            limit(velocity.acquire(host.hostId(), events.size()), "This host is over its events-per-minute limit");
        }
        boolean dryRun = "true".equals(ctx.queryParam("dry_run"));
        ctx.json(dryRun ? ingestion.dryRun(host.hostId(), events) : ingestion.ingest(host.hostId(), events));
    }

    public void release(Context ctx) {
        auth.require(ctx, Role.PLATFORM);
        String batchId = Validate.id(ctx.pathParam("id"), "id");
        int released = ingestion.release(batchId);
        if (released == 0) {
            throw ApiException.notFound("No held events in batch " + batchId + ".");
        }
        ctx.json(new Released(batchId, released));
    }

    /** The batch envelope is checked strictly; each event is checked on its own by the service. */
    private JsonNode readBody(Context ctx) {
        RequestBodies.requireJson(ctx);
        JsonNode body;
        try {
            body = json.readTree(ctx.bodyAsBytes());
        } catch (IOException e) {
            throw new ApiException(
                    ApiException.Kind.INVALID, "invalid_json", "The request body is not valid JSON.", null);
        }
        if (body == null || !body.isObject()) {
            throw ApiException.invalid(null, "The body must be a JSON object with an events array.");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("events")) {
                throw ApiException.invalid(name, "Unknown field '" + name + "'.");
            }
        }
        return body;
    }

    private static void limit(Optional<Duration> wait, String message) {
        if (wait.isPresent()) {
            throw ApiException.rateLimited(message + "; retry later.", wait.get());
        }
    }
}
