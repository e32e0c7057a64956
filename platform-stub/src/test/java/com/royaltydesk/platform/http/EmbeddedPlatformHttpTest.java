package com.royaltydesk.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.platform.PlatformConfig;
import com.royaltydesk.platform.PlatformServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform embedded in the desktop app is the app's alone (SPEC §6, decision 0016): a web page
 * the user visits cannot use it — not through CORS, not by DNS rebinding, not with its Origin.
 */
class EmbeddedPlatformHttpTest {

    @TempDir
    Path dir;

    private PlatformServer platform;

    @BeforeEach
    void start() {
        platform = PlatformServer.start(PlatformConfig.embedded(dir));
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    /** A raw HTTP/1.1 request, so the test chooses every header as a hostile client would. */
    private String raw(String method, String path, String host, String origin) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", platform.port())) {
            String body = method.equals("POST") ? "{}" : "";
            String request = method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n"
                    + (origin == null ? "" : "Origin: " + origin + "\r\n")
                    + "Content-Type: application/json\r\nContent-Length: " + body.length()
                    + "\r\nConnection: close\r\n\r\n" + body;
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            StringBuilder response = new StringBuilder();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null; ) {
                response.append(line).append('\n');
            }
            return response.toString();
        }
    }

    @Test
    void ownHostAndOrigin_answered() throws Exception {
        String own = "127.0.0.1:" + platform.port();

        assertThat(raw("GET", "/health", own, null)).startsWith("HTTP/1.1 200");
        assertThat(raw("POST", "/v1/creators", own, "http://" + own)).startsWith("HTTP/1.1 201");
        assertThat(raw("GET", "/health", "localhost:" + platform.port(), null)).startsWith("HTTP/1.1 200");
    }

    @Test
    void rebindingStyleHost_refusedWithTheJsonError() throws Exception {
        String response = raw("POST", "/v1/creators", "attacker.example:" + platform.port(), null);

        assertThat(response).startsWith("HTTP/1.1 403").contains("\"code\":\"host_not_allowed\"");
    }

    @Test
    void anotherSitesOrigin_refusedAndNoCorsHeaders() throws Exception {
        String own = "127.0.0.1:" + platform.port();
        String response = raw("POST", "/v1/creators", own, "https://attacker.example");
        String preflight = raw("OPTIONS", "/v1/creators", own, "https://attacker.example");

        assertThat(response).startsWith("HTTP/1.1 403").contains("\"code\":\"origin_not_allowed\"");
        assertThat(preflight.toLowerCase()).doesNotContain("access-control-allow-origin");
    }

    @Test
    void webhookToThisUsersNetwork_refused_loopbackAccepted() throws Exception {
        String key = com.royaltydesk.platform.testutil.RunningPlatform.JSON
                .readTree(dir.resolve("sandbox-credentials.json").toFile())
                .path("creators")
                .path(0)
                .path("api_key")
                .asText();
        var client = java.net.http.HttpClient.newHttpClient();
        java.util.function.Function<String, java.net.http.HttpResponse<String>> create = url -> {
            try {
                return client.send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create(platform.baseUrl() + "/v1/webhook-endpoints"))
                                .header("Authorization", "Bearer " + key)
                                .header("Content-Type", "application/json")
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                        "{\"url\":\"" + url + "\",\"event_types\":[\"receipt.issued\"]}"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };

        assertThat(create.apply("http://192.168.1.1/hook").statusCode()).isEqualTo(400);
        assertThat(create.apply("http://127.0.0.1:9/hook").statusCode()).isEqualTo(201);
    }
}
