package com.royaltydesk.platform.http;

import com.royaltydesk.platform.ApiException;
import com.royaltydesk.platform.keys.Role;
import com.royaltydesk.platform.receipts.KeyPurpose;
import com.royaltydesk.platform.receipts.SigningAlgorithm;
import com.royaltydesk.platform.receipts.SigningKey;
import com.royaltydesk.platform.receipts.SigningKeys;
import io.javalin.http.Context;
import java.time.Instant;

/** {@code POST /v1/admin/signing-keys/rotate}: a new active receipt key; old ones keep verifying. */
public final class SigningKeysHandler {

    /** Optional body: the algorithm of the new key (default: the platform's configured one). */
    public record RotateRequest(String alg) {}

    /** The new active key, public half only. */
    public record Rotated(String kid, String alg, Instant createdAt) {}

    private final SigningKeys keys;
    private final Auth auth;
    private final RequestBodies bodies;
    private final SigningAlgorithm defaultAlgorithm;

    public SigningKeysHandler(SigningKeys keys, Auth auth, RequestBodies bodies, SigningAlgorithm defaultAlgorithm) {
        this.keys = keys;
        this.auth = auth;
        this.bodies = bodies;
        this.defaultAlgorithm = defaultAlgorithm;
    }

    public void rotate(Context ctx) {
        auth.require(ctx, Role.PLATFORM);
        SigningAlgorithm algorithm = defaultAlgorithm;
        if (ctx.bodyAsBytes().length > 0) {
            RotateRequest request = bodies.read(ctx, RotateRequest.class);
            if (request.alg() != null) {
                try {
                    algorithm = SigningAlgorithm.parse(request.alg());
                } catch (IllegalArgumentException e) {
                    throw ApiException.invalid("alg", "alg must be EdDSA or ES256.");
                }
            }
        }
        SigningKey key = keys.rotate(KeyPurpose.RECEIPTS, algorithm);
        ctx.status(201).json(new Rotated(key.kid(), key.algorithm().jws().getName(), key.createdAt()));
    }
}
