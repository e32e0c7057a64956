package com.royaltydesk.platform.hosts;

import static com.royaltydesk.platform.testutil.ErrorAssertions.assertError;
import static com.royaltydesk.platform.testutil.ErrorAssertions.assertErrorField;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.royaltydesk.platform.testutil.Receipts;
import com.royaltydesk.platform.testutil.RunningPlatform;
import com.royaltydesk.platform.testutil.SandboxPlatformTest;
import com.royaltydesk.platform.testutil.Usage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Hosts bound to their models (SPEC §1): no host can bill a model it does not serve. */
class HostsHttpTest extends SandboxPlatformTest {

    private JsonNode host(String modelsJson) throws Exception {
        var response = platform.json(
                "POST", "/v1/hosts", platform.platformKey(), "{\"display_name\":\"H\",\"models\":" + modelsJson + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return RunningPlatform.body(response);
    }

    @Test
    void usage_forAModelTheHostDoesNotServe_rejectedPerEventRevealingNothing_neighboursAccepted() throws Exception {
        String served = Receipts.record(platform, "model-a").path("receipt_id").asText();
        String other = Receipts.record(platform, "model-b").path("receipt_id").asText();
        String hostKey = host("[\"model-a\"]").path("api_key").asText();
        ArrayNode events = RunningPlatform.JSON.createArrayNode();
        Instant now = Instant.now();
        events.add(Usage.event("e1", "model-a", served, 10, now));
        events.add(Usage.event("e2", "model-b", other, 10, now));
        events.add(Usage.event("e3", "model-b", "pt_doesnotexist", 10, now));

        JsonNode answer = RunningPlatform.body(platform.json("POST", "/v1/usage-events", hostKey, Usage.wrap(events)));

        assertThat(answer.path("accepted").asInt()).as(answer.toString()).isEqualTo(1);
        assertThat(answer.path("rejected")).hasSize(2).allSatisfy(r -> {
            assertThat(r.path("code").asText()).isEqualTo("model_not_served");
            assertThat(r.path("message").asText()).doesNotContain("pt_").doesNotContain("creator");
        });
    }

    @Test
    void patch_changesTheModels_thenTheOtherModelIsAccepted() throws Exception {
        String receipt = Receipts.record(platform, "model-b").path("receipt_id").asText();
        JsonNode host = host("[\"model-a\"]");
        String hostKey = host.path("api_key").asText();
        ArrayNode events = RunningPlatform.JSON.createArrayNode();
        events.add(Usage.event("p1", "model-b", receipt, 10, Instant.now()));

        var patched = platform.json(
                "PATCH",
                "/v1/hosts/" + host.path("host_id").asText(),
                platform.platformKey(),
                "{\"models\":[\"model-a\",\"model-b\"]}");

        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        assertThat(RunningPlatform.body(platform.json("POST", "/v1/usage-events", hostKey, Usage.wrap(events)))
                        .path("accepted")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void register_orPatch_badModels_400NamingTheField() throws Exception {
        String key = platform.platformKey();
        assertErrorField(
                platform.json("POST", "/v1/hosts", key, "{\"display_name\":\"H\"}"), 400, "invalid_request", "models");
        assertErrorField(platform.json("POST", "/v1/hosts", key, "{\"models\":[]}"), 400, "invalid_request", "models");
        assertErrorField(
                platform.json("POST", "/v1/hosts", key, "{\"models\":[\"a\",\"*\"]}"),
                400,
                "invalid_request",
                "models[1]");
        assertErrorField(
                platform.json("POST", "/v1/hosts", key, "{\"models\":[\"a\",\"a\"]}"),
                400,
                "invalid_request",
                "models[1]");
        assertErrorField(
                platform.json("POST", "/v1/hosts", key, "{\"models\":[null]}"), 400, "invalid_request", "models[0]");
        String hostId = host("[\"a\"]").path("host_id").asText();
        assertError(platform.json("PATCH", "/v1/hosts/host_nope", key, "{\"models\":[\"a\"]}"), 404, "not_found");
        assertError(
                platform.json("PATCH", "/v1/hosts/" + hostId, platform.hostKey(), "{\"models\":[\"a\"]}"),
                403,
                "forbidden");
    }
}
