package com.royaltydesk.platform.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A public, cacheable JSON document (the JWKS, the trust root): five minutes of cache lifetime and
 * an ETag, so verifiers revalidate cheaply with {@code If-None-Match} and get a 304.
 */
final class PublicDocument {

    static final String CACHE_CONTROL = "public, max-age=300";

    private PublicDocument() {}

    static void send(Context ctx, String body) {
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
