package com.royaltydesk.platform.http;

import com.royaltydesk.platform.core.ApiException;
import com.royaltydesk.platform.keys.Role;
import com.royaltydesk.platform.receipts.KeyPurpose;
import com.royaltydesk.platform.receipts.SigningAlgorithm;
import com.royaltydesk.platform.receipts.SigningKey;
import com.royaltydesk.platform.receipts.SigningKeys;
import io.javalin.http.Context;
import java.time.Instant;

/** Signing-key administration: rotation (a new active receipt key) and retirement after a compromise. */
public final class SigningKeysHandler {

    /** Optional body: the algorithm of the new key (default: the platform's configured one). */
    public record RotateRequest(String alg) {}

    /** The new active key, public half only. */
    public record Rotated(String kid, String alg, Instant createdAt) {}

    /** Optional body of a retirement: the moment from which the key must not be trusted (default: now). */
    public record RetireRequest(Instant untrustedFrom) {}

    /** A retired key: its trust window as the trust root now shows it. */
    public record Retired(String kid, String purpose, Instant validFrom, Instant validUntil) {}

    private final SigningKeys keys;
    private final Auth auth;
    private final RequestBodies bodies;
    private final SigningAlgorithm defaultAlgorithm;
    private final java.time.Clock clock;

    public SigningKeysHandler(
            SigningKeys keys,
            Auth auth,
            RequestBodies bodies,
            SigningAlgorithm defaultAlgorithm,
            java.time.Clock clock) {
        this.clock = clock;
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

    /**
     * {@code POST /v1/admin/signing-keys/{kid}/retire}: the key must no longer be trusted from
     * {@code untrusted_from} (a compromise). Its window closes there; if it was active, a new key takes over.
     */
    public void retire(Context ctx) {
        auth.require(ctx, Role.PLATFORM);
        String kid = ctx.pathParam("kid");
        if (kid.isEmpty() || kid.length() > 64 || !kid.matches("[A-Za-z0-9_-]+")) {
            throw ApiException.notFound("No signing key with that kid.");
        }
        Instant from = clock.instant();
        if (ctx.bodyAsBytes().length > 0) {
            RetireRequest request = bodies.read(ctx, RetireRequest.class);
            if (request.untrustedFrom() != null) {
                from = request.untrustedFrom();
            }
        }
        SigningKey key = keys.retire(kid, from);
        ctx.json(new Retired(key.kid(), key.purpose().trustRootPurpose(), key.createdAt(), key.validUntil()));
    }
}
