package com.royaltydesk.platform.http;

import com.royaltydesk.platform.Validate;
import com.royaltydesk.platform.hosts.HostService;
import com.royaltydesk.platform.keys.Role;
import io.javalin.http.Context;

/** {@code POST /v1/hosts}: the platform registers a model host and gets its first key, once. */
public final class HostsHandler {

    /** Registration body; every field optional. */
    public record RegisterRequest(String displayName) {}

    /** The new host; {@code api_key} is shown only here. */
    public record Registered(String hostId, String apiKey, String apiKeyId) {}

    private final HostService hosts;
    private final Auth auth;
    private final RequestBodies bodies;

    public HostsHandler(HostService hosts, Auth auth, RequestBodies bodies) {
        this.hosts = hosts;
        this.auth = auth;
        this.bodies = bodies;
    }

    public void register(Context ctx) {
        auth.require(ctx, Role.PLATFORM);
        RegisterRequest request = bodies.read(ctx, RegisterRequest.class);
        HostService.Registered host = hosts.register(Validate.optionalText(request.displayName(), "display_name", 200));
        ctx.status(201)
                .json(new Registered(
                        host.hostId(), host.key().secret(), host.key().keyId()));
    }
}
