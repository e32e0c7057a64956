package com.royaltydesk.platform.http;

import static com.royaltydesk.platform.testutil.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.platform.PlatformConfig;
import com.royaltydesk.platform.testutil.RunningPlatform;
import com.royaltydesk.platform.testutil.SandboxPlatformTest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hostile and broken input on every body-taking endpoint: always a 4xx in the error shape, never a 5xx. */
class BadInputHttpTest extends SandboxPlatformTest {

    private static final List<String> BODIES = List.of(
            "",
            "null",
            "[]",
            "42",
            "\"text\"",
            "{",
            "{}",
            "{\"a\":1}",
            "{\"name\":null}",
            "{\"price_model\":[]}",
            "{\"metadata\":\"x\"}",
            "{\"events\":{}}",
            "[".repeat(5000) + "]".repeat(5000),
            "{\"display_name\":\"\\u0000\"}",
            "{\"size_bytes\":1e400}",
            "{\"dataset_id\":\"../../etc/passwd\"}");

    @Test
    void duplicateKeysOrCoercedScalars_400InTheOneErrorShape() throws Exception {
        var duplicate = platform.json("POST", "/v1/creators", null, "{\"display_name\":\"a\",\"display_name\":\"b\"}");
        var quotedNumber =
                platform.json("POST", "/v1/log/cosignatures", null, "{\"tree_size\":\"1\",\"cosignature\":\"x\"}");
        var fraction = platform.json("POST", "/v1/log/cosignatures", null, "{\"tree_size\":1.5,\"cosignature\":\"x\"}");
        var duplicateEvent = platform.json(
                "POST",
                "/v1/usage-events",
                platform.hostKey(),
                "{\"events\":[{\"model_id\":\"m\",\"model_id\":\"n\"}]}");

        for (var response : java.util.List.of(duplicate, quotedNumber, fraction, duplicateEvent)) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(RunningPlatform.body(response).path("error").path("code").asText())
                    .as(response.body())
                    .isIn("invalid_json", "invalid_request");
        }
    }

    /** A GET on a fresh socket, the path sent exactly as given. */
    private String rawGet(String path) throws Exception {
        java.net.URI base = java.net.URI.create(platform.baseUrl());
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.getOutputStream()
                    .write(("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                                    + "\r\nConnection: close\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void malformedUriNullListElementOverflowingCursor_4xxInTheOneShapeNever5xxOrHtml() throws Exception {
        String badUri = rawGet("/v1/receipts/%00");
        var nullType = platform.json(
                "POST",
                "/v1/webhook-endpoints",
                platform.platformKey(),
                "{\"url\":\"http://127.0.0.1:9/x\",\"event_types\":[\"receipt.issued\",null]}");
        String hugeCursor = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("c1:" + (Long.MAX_VALUE - 1)).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        var cursor = platform.get(
                "/v1/usage-report?period=2026-01&creator_id=creator_42&cursor=" + hugeCursor, platform.platformKey());

        // Its own connection: the platform closes a connection after a request it could not read.
        assertThat(badUri).startsWith("HTTP/1.1 400").contains("{\"error\":").doesNotContain("<html");
        for (var response : List.of(nullType, cursor)) {
            assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
            assertThat(response.body()).as(response.uri().toString()).startsWith("{\"error\":");
        }
        assertThat(RunningPlatform.body(nullType).path("error").path("field").asText())
                .isEqualTo("event_types[1]");
    }

    @Test
    void everyBodyEndpoint_brokenBodies_clientErrorsInTheOneShape() throws Exception {
        List<String[]> endpoints = List.of(
                new String[] {"POST", "/v1/creators", null},
                new String[] {"POST", "/v1/assets", platform.creator42Key()},
                new String[] {"POST", "/v1/proof-of-training", platform.platformKey()},
                new String[] {"POST", "/v1/admin/signing-keys/rotate", platform.platformKey()},
                new String[] {"POST", "/v1/sandbox/proof-of-training", null});
        for (String[] endpoint : endpoints) {
            for (String body : BODIES) {
                HttpResponse<String> response = platform.json(endpoint[0], endpoint[1], endpoint[2], body);
                String what = endpoint[1] + " with " + body.substring(0, Math.min(40, body.length()));
                assertThat(response.statusCode()).as(what).isBetween(200, 499);
                if (response.statusCode() >= 400) {
                    assertThat(RunningPlatform.body(response).at("/error/code").asText())
                            .as(what)
                            .isNotBlank();
                }
            }
        }
    }

    @Test
    void queryParameters_garbage_clientErrors() throws Exception {
        for (String query : List.of(
                "/v1/receipts?limit=-1",
                "/v1/receipts?cursor=%00",
                "/v1/receipts?model_id=" + "x".repeat(300),
                "/v1/assets?creator_id=%27%20OR%201=1",
                "/v1/log/inclusion?receipt_id=",
                "/v1/log/consistency?first=99999999999999999999&second=1")) {
            HttpResponse<String> response = platform.get(query, platform.platformKey());
            assertThat(response.statusCode()).as(query).isBetween(400, 499);
        }
    }

    @Test
    void bodyOverTheCap_413InTheOneShape() throws Exception {
        String huge = "{\"display_name\":\"" + "x".repeat((int) PlatformConfig.MAX_REQUEST_BYTES) + "\"}";

        assertError(platform.json("POST", "/v1/creators", null, huge), 413, "payload_too_large");
    }
}
