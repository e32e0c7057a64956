package com.royaltydesk.platform.http;

import com.royaltydesk.platform.core.ApiException;
import com.royaltydesk.platform.core.Validate;
import com.royaltydesk.platform.keys.ApiKeyService;
import com.royaltydesk.platform.keys.Role;
import io.javalin.http.Context;

/** {@code DELETE /v1/api-keys/{id}}: the platform revokes a key; it stops working at once. */
public final class ApiKeysHandler {

    private final ApiKeyService keys;
    private final Auth auth;

    public ApiKeysHandler(ApiKeyService keys, Auth auth) {
        this.keys = keys;
        this.auth = auth;
    }

    public void revoke(Context ctx) {
        auth.require(ctx, Role.PLATFORM);
        String keyId = Validate.id(ctx.pathParam("id"), "id");
        if (!keys.revoke(keyId)) {
            throw ApiException.notFound("No live API key " + keyId + ".");
        }
        ctx.status(204);
    }
}
