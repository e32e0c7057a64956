package com.royaltydesk.platform.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** {@code GET /openapi.json}: the hand-written OpenAPI 3.1 document, checked against the routes by a test. */
public final class OpenApiHandler {

    static final String RESOURCE = "/com/royaltydesk/platform/openapi.json";

    private final String document;

    public OpenApiHandler() {
        try (InputStream in = OpenApiHandler.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void get(Context ctx) {
        ctx.contentType(Routes.JSON_UTF8).result(document);
    }
}
