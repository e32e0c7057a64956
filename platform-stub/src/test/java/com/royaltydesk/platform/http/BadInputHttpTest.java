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
        return raw("GET " + path + " HTTP/1.1\r\n", "\r\n");
    }

    /** A request written by hand on a fresh socket: its first line, the Host header, then {@code rest}. */
    private String raw(String firstLine, String rest) throws Exception {
        java.net.URI base = java.net.URI.create(platform.baseUrl());
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream()
                    .write((firstLine + "Host: " + base.getHost() + ":" + base.getPort() + "\r\nConnection: close\r\n"
                                    + rest)
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void oversizedHeadersAndBrokenChunkedBodies_4xxInTheOneShape() throws Exception {
        String hugeHeader = raw("GET /health HTTP/1.1\r\n", "X-Filler: " + "a".repeat(64 * 1024) + "\r\n\r\n");
        String badChunk = raw(
                "POST /v1/creators HTTP/1.1\r\n",
                "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n");

        for (String answer : List.of(hugeHeader, badChunk)) {
            assertThat(answer).as(answer).matches("(?s)HTTP/1.1 4\\d\\d .*");
            assertThat(answer).contains("{\"error\":").doesNotContain("<html");
        }
        assertThat(hugeHeader).startsWith("HTTP/1.1 431");
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
                "/v1/log/consistency?first=99999999999999999999&second=1",
                "/v1/statements?creator_id=creator_42&period=2026-13",
                "/v1/statements?creator_id=creator_42&period=2026-01&limit=0",
                "/v1/statements?creator_id=creator_42&period=2026-01&limit=99999999999",
                "/v1/statements?creator_id=creator_42&period=2026-01&cursor=azE6OTk5OTk5OTk5OTk5OlVTRA",
                "/v1/usage/receipts?creator_id=creator_42&period=2026-01&asset_id=ds_sandbox_demo",
                "/v1/usage/receipts?creator_id=creator_42&period=2026-01&asset_id=%00&model_id=m",
                "/v1/usage/receipts?creator_id=creator_42&period=2026-01&asset_id=ds_x&model_id=m&limit=1001",
                "/v1/usage/adjustments?creator_id=creator_42&period=2026-01&cursor=YzE6LTI",
                "/v1/usage/adjustments?period=2026-01",
                "/v1/earnings?creator_id=creator_42&period=0000-00",
                "/v1/payouts?limit=1.5",
                "/v1/webhook-deliveries?endpoint_id=" + "e".repeat(500))) {
            HttpResponse<String> response = platform.get(query, platform.platformKey());
            assertThat(response.statusCode()).as(query).isBetween(400, 499);
            assertThat(response.body()).as(query).startsWith("{\"error\":");
        }
    }

    @Test
    void bodyOverTheCap_413InTheOneShape() throws Exception {
        String huge = "{\"display_name\":\"" + "x".repeat((int) PlatformConfig.MAX_REQUEST_BYTES) + "\"}";

        assertError(platform.json("POST", "/v1/creators", null, huge), 413, "payload_too_large");
    }
}
