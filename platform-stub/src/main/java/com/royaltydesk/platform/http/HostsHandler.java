package com.royaltydesk.platform.http;

import com.royaltydesk.platform.core.Validate;
import com.royaltydesk.platform.hosts.HostService;
import com.royaltydesk.platform.keys.Role;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code POST /v1/hosts}: the platform registers a model host with the models it serves and gets
 * its first key, once; {@code PATCH /v1/hosts/{id}} changes those models.
 */
public final class HostsHandler {

    /** Registration body: {@code models} is required. */
    public record RegisterRequest(String displayName, List<String> models) {}

    /** {@code PATCH} body. */
    public record ModelsRequest(List<String> models) {}

    /** The new host; {@code api_key} is shown only here. */
    public record Registered(String hostId, String apiKey, String apiKeyId, List<String> models) {}

    public record Host(String hostId, List<String> models) {}

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
        HostService.Registered host =
                hosts.register(Validate.optionalText(request.displayName(), "display_name", 200), request.models());
        ctx.status(201)
                .json(new Registered(
                        host.hostId(), host.key().secret(), host.key().keyId(), host.models()));
    }

    public void changeModels(Context ctx) {
        auth.require(ctx, Role.PLATFORM);
        String hostId = Validate.id(ctx.pathParam("id"), "id");
        ModelsRequest request = bodies.read(ctx, ModelsRequest.class);
        ctx.json(new Host(hostId, hosts.changeModels(hostId, request.models())));
    }
}
