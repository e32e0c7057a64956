package com.royaltydesk.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.royaltydesk.platform.core.Version;
import com.royaltydesk.platform.testutil.RunningPlatform;
import com.royaltydesk.platform.testutil.SandboxPlatformTest;
import com.royaltydesk.platform.testutil.TestDatabase;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class HealthAndErrorsHttpTest extends SandboxPlatformTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void health_freshDatabase_okWithBuildVersion() throws Exception {
        HttpResponse<String> response = platform.get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).matches("(?i)application/json;\\s*charset=utf-8"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asText()).isEqualTo("ok");
        assertThat(body.path("version").asText()).isEqualTo(Version.current()).isNotEqualTo("unknown");
    }

    @Test
    void start_freshDataDir_databaseIsWhereConfigured() {
        // H2 by default lives in the data dir; on PostgreSQL no stray H2 file may appear there.
        assertThat(Files.exists(dataDir.resolve("royaltydesk.mv.db"))).isEqualTo(!TestDatabase.onPostgres());
    }

    @Test
    void unknownPath_anyMethod_404InErrorShape() throws Exception {
        HttpResponse<String> response = platform.get("/no/such/thing");

        assertErrorShape(response, 404, "not_found");
        assertThat(JSON.readTree(response.body()).at("/error/message").asText()).contains("/no/such/thing");
    }

    @Test
    void knownPath_wrongMethod_405InErrorShape() throws Exception {
        HttpResponse<String> response = platform.send("DELETE", "/health", "application/json", "");

        assertErrorShape(response, 405, "method_not_allowed");
    }

    @Test
    void unknownPath_browserAcceptsHtml_stillJsonNotHtml() throws Exception {
        HttpResponse<String> response = platform.send("GET", "/nowhere", "text/html", "");

        assertErrorShape(response, 404, "not_found");
        assertThat(response.body()).doesNotContain("<html");
    }

    @Test
    void oversizedBody_withAValidKey_413InErrorShape() throws Exception {
        long size = com.royaltydesk.platform.PlatformConfig.MAX_REQUEST_BYTES + 10;

        // With a valid key: authentication comes first (401), and /health refuses POST first (405).
        // Over a plain socket with Expect: 100-continue, so the server's answer cannot race the
        // client still writing 2 MB into a connection the server has closed (a reset, now and then).
        // Not through java.net.http: its 100-continue wait hung once for 30 minutes on JDK 17 when the
        // answer was final instead of 100 (session 13) — this read gives up after 30 s instead.
        java.net.URI base = java.net.URI.create(platform.baseUrl());
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/usage-events HTTP/1.1\r\nAuthorization: Bearer " + platform.hostKey() + "\r\nHost: "
                            + base.getHost() + ":" + base.getPort()
                            + "\r\nContent-Type: application/json\r\nContent-Length: " + size
                            + "\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            java.io.DataInputStream in = new java.io.DataInputStream(socket.getInputStream());
            RawResponse response = RawResponse.read(in);
            if (response.status() == 100) {
                try {
                    out.write("x".repeat((int) size).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    out.flush();
                } catch (java.io.IOException closedEarly) {
                    // The server may answer and close before all of it is written; its answer is read below.
                }
                response = RawResponse.read(in);
            }

            assertThat(response.status()).as(response.body()).isEqualTo(413);
            assertThat(JSON.readTree(response.body()).at("/error/code").asText())
                    .isEqualTo("payload_too_large");
            assertThat(JSON.readTree(response.body()).at("/error/code").asText())
                    .isNotBlank();
        }
    }

    /** A status and a body read off a socket: enough HTTP/1.1 for the test above. */
    private record RawResponse(int status, String body) {
        static RawResponse read(java.io.DataInputStream in) throws java.io.IOException {
            String statusLine = line(in);
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            int length = -1;
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                if (header.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(
                            header.substring(header.indexOf(':') + 1).strip());
                }
            }
            if (status == 100) {
                return new RawResponse(status, "");
            }
            byte[] body = length >= 0 ? in.readNBytes(length) : in.readAllBytes();
            return new RawResponse(status, new String(body, java.nio.charset.StandardCharsets.UTF_8));
        }

        private static String line(java.io.DataInputStream in) throws java.io.IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new java.io.EOFException("the connection closed mid-line: " + line);
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }
    }

    @Test
    void health_afterRestartOnSameDataDir_stillOk() throws Exception {
        platform.close();
        platform = RunningPlatform.start(dataDir);

        assertThat(platform.get("/health").statusCode()).isEqualTo(200);
    }

    private static void assertErrorShape(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).matches("(?i)application/json;\\s*charset=utf-8"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.fieldNames()).toIterable().containsExactly("error");
        assertThat(body.at("/error/code").asText()).isEqualTo(code);
        assertThat(body.at("/error/message").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
