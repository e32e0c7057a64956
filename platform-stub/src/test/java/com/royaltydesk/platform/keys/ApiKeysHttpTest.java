package com.royaltydesk.platform.keys;

import static com.royaltydesk.platform.testutil.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.royaltydesk.platform.testutil.RunningPlatform;
import com.royaltydesk.platform.testutil.SandboxPlatformTest;
import org.junit.jupiter.api.Test;

class ApiKeysHttpTest extends SandboxPlatformTest {

    @Test
    void protectedEndpoint_noKey_401() throws Exception {
        assertError(platform.get("/v1/assets"), 401, "unauthorized");
    }

    @Test
    void protectedEndpoint_unknownKey_401() throws Exception {
        assertError(platform.get("/v1/assets", "rdk_test_creator_doesnotexist"), 401, "unauthorized");
    }

    @Test
    void protectedEndpoint_notBearerScheme_401() throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(platform.baseUrl() + "/v1/assets"))
                .header("Authorization", "Basic " + platform.creator42Key())
                .build();
        var response = java.net.http.HttpClient.newHttpClient()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());

        assertError(response, 401, "unauthorized");
    }

    @Test
    void revoke_creatorKeyByPlatform_keyStopsWorking() throws Exception {
        JsonNode signUp = RunningPlatform.body(platform.json("POST", "/v1/creators", null, "{}"));
        String key = signUp.path("api_key").asText();
        assertThat(platform.get("/v1/assets", key).statusCode()).isEqualTo(200);

        var revoked = platform.json(
                "DELETE", "/v1/api-keys/" + signUp.path("api_key_id").asText(), platform.platformKey(), null);

        assertThat(revoked.statusCode()).isEqualTo(204);
        assertError(platform.get("/v1/assets", key), 401, "unauthorized");
    }

    @Test
    void revoke_byCreatorKey_403AndKeyStillWorks() throws Exception {
        JsonNode signUp = RunningPlatform.body(platform.json("POST", "/v1/creators", null, "{}"));

        var response = platform.json(
                "DELETE", "/v1/api-keys/" + signUp.path("api_key_id").asText(), platform.creator42Key(), null);

        assertError(response, 403, "forbidden");
        assertThat(platform.get("/v1/assets", signUp.path("api_key").asText()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void revoke_unknownId_404() throws Exception {
        assertError(platform.json("DELETE", "/v1/api-keys/key_nope", platform.platformKey(), null), 404, "not_found");
    }

    @Test
    void storedKeys_onlyHashes_neverTheSecret() throws Exception {
        String key = platform.creator42Key();
        try (var connection = platform.openDatabaseConnection();
                var rows = connection.createStatement().executeQuery("SELECT key_hash, key_prefix FROM api_keys")) {
            int count = 0;
            while (rows.next()) {
                count++;
                assertThat(rows.getString("key_hash")).hasSize(64).isNotEqualTo(key);
                assertThat(key).doesNotContain(rows.getString("key_hash"));
            }
            assertThat(count).isEqualTo(3);
        }
    }
}
