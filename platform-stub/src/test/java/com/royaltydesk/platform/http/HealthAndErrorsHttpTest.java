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
    void oversizedBody_anyPath_413InErrorShape() throws Exception {
        String huge = "x".repeat((int) com.royaltydesk.platform.PlatformConfig.MAX_REQUEST_BYTES + 10);

        // Expect: 100-continue: the server answers before the body is sent, so its answer cannot race
        // the client still writing 2 MB into a connection the server has closed (a reset, now and then).
        HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(platform.baseUrl() + "/health"))
                                .expectContinue(true)
                                .header("Content-Type", "application/json")
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(huge))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isIn(405, 413);
        assertThat(JSON.readTree(response.body()).at("/error/code").asText()).isNotBlank();
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
