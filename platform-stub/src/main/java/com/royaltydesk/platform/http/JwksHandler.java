package com.royaltydesk.platform.http;

import com.royaltydesk.platform.receipts.SigningKeys;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * {@code GET /.well-known/jwks.json}: every public key that may still verify a live receipt, with a
 * five-minute cache lifetime and an ETag so verifiers can revalidate cheaply.
 */
public final class JwksHandler {

    static final String CACHE_CONTROL = "public, max-age=300";

    private final SigningKeys keys;

    public JwksHandler(SigningKeys keys) {
        this.keys = keys;
    }

    public void get(Context ctx) {
        String body = keys.publicJwks().toString(true);
        String etag = "\"" + sha256(body) + "\"";
        ctx.header("Cache-Control", CACHE_CONTROL);
        ctx.header("ETag", etag);
        if (etag.equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType(Routes.JSON_UTF8).result(body);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
