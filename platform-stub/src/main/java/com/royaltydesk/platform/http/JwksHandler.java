package com.royaltydesk.platform.http;

import com.royaltydesk.platform.receipts.SigningKeys;
import io.javalin.http.Context;

/**
 * {@code GET /.well-known/jwks.json}: every public key that may still verify a live receipt, with a
 * five-minute cache lifetime and an ETag so verifiers can revalidate cheaply.
 */
public final class JwksHandler {

    private final SigningKeys keys;

    public JwksHandler(SigningKeys keys) {
        this.keys = keys;
    }

    public void get(Context ctx) {
        PublicDocument.send(ctx, keys.publicJwks().toString(true));
    }
}
