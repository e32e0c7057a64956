package com.royaltydesk.platform.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.royaltydesk.platform.receipts.TrustRoots;
import io.javalin.http.Context;

/**
 * {@code GET /.well-known/rdk-trust-root.json}: the platform's trust root (SPEC §2a), public, with
 * the JWKS's cache lifetime and an ETag. Publishing it makes nothing trusted: a verifier decides.
 */
public final class TrustRootHandler {

    private final TrustRoots roots;
    private final ObjectMapper json;

    public TrustRootHandler(TrustRoots roots, ObjectMapper json) {
        this.roots = roots;
        this.json = json;
    }

    public void get(Context ctx) throws JsonProcessingException {
        PublicDocument.send(ctx, json.writerWithDefaultPrettyPrinter().writeValueAsString(roots.current()));
    }
}
