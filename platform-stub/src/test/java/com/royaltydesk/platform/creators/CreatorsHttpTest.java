package com.royaltydesk.platform.creators;

import static com.royaltydesk.platform.testutil.ErrorAssertions.assertError;
import static com.royaltydesk.platform.testutil.ErrorAssertions.assertErrorField;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.royaltydesk.platform.testutil.RunningPlatform;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CreatorsHttpTest {

    @TempDir
    Path dataDir;

    @Test
    void signUp_sandboxWithoutKey_verifiedCreatorWithWorkingKey() throws Exception {
        try (RunningPlatform platform = RunningPlatform.start(dataDir, true)) {
            var response = platform.json("POST", "/v1/creators", null, "{\"display_name\":\"Ada\"}");

            assertThat(response.statusCode()).isEqualTo(201);
            JsonNode body = RunningPlatform.body(response);
            assertThat(body.path("creator_id").asText()).startsWith("creator_");
            assertThat(body.path("kyc_status").asText()).isEqualTo("verified");
            assertThat(body.path("api_key").asText()).startsWith("rdk_test_creator_");
            assertThat(platform.get("/v1/assets", body.path("api_key").asText()).statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void me_withTheSignUpKey_idNameAndKycStatus() throws Exception {
        try (RunningPlatform platform = RunningPlatform.start(dataDir, true)) {
            JsonNode signUp =
                    RunningPlatform.body(platform.json("POST", "/v1/creators", null, "{\"display_name\":\"Ada\"}"));

            var response =
                    platform.get("/v1/creators/me", signUp.path("api_key").asText());

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode me = RunningPlatform.body(response);
            assertThat(me.path("creator_id").asText())
                    .isEqualTo(signUp.path("creator_id").asText());
            assertThat(me.path("display_name").asText()).isEqualTo("Ada");
            assertThat(me.path("kyc_status").asText()).isEqualTo("verified");
            assertThat(me.path("created_at").asText()).isNotBlank();
        }
    }

    @Test
    void me_withoutKeyOrWithAHostKey_401Or403() throws Exception {
        try (RunningPlatform platform = RunningPlatform.start(dataDir, true)) {
            assertError(platform.get("/v1/creators/me"), 401, "unauthorized");
            assertError(platform.get("/v1/creators/me", platform.hostKey()), 403, "forbidden");
        }
    }

    @Test
    void signUp_liveModeWithoutKey_401() throws Exception {
        try (RunningPlatform platform = RunningPlatform.start(dataDir, false)) {
            assertError(platform.json("POST", "/v1/creators", null, "{}"), 401, "unauthorized");
        }
    }

    @Test
    void signUp_unknownField_400NamingIt() throws Exception {
        try (RunningPlatform platform = RunningPlatform.start(dataDir, true)) {
            assertErrorField(
                    platform.json("POST", "/v1/creators", null, "{\"nickname\":\"x\"}"),
                    400,
                    "invalid_request",
                    "nickname");
        }
    }

    @Test
    void signUp_notJson_415() throws Exception {
        try (RunningPlatform platform = RunningPlatform.start(dataDir, true)) {
            assertError(platform.send("POST", "/v1/creators", "text/plain", "{}"), 415, "unsupported_media_type");
        }
    }

    @Test
    void signUp_malformedJson_400() throws Exception {
        try (RunningPlatform platform = RunningPlatform.start(dataDir, true)) {
            assertError(platform.json("POST", "/v1/creators", null, "{\"display_name\":"), 400, "invalid_json");
        }
    }

    @Test
    void signUp_nameTooLong_400() throws Exception {
        try (RunningPlatform platform = RunningPlatform.start(dataDir, true)) {
            String body = "{\"display_name\":\"" + "x".repeat(201) + "\"}";
            assertErrorField(platform.json("POST", "/v1/creators", null, body), 400, "invalid_request", "display_name");
        }
    }
}
