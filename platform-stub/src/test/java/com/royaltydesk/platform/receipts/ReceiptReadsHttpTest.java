package com.royaltydesk.platform.receipts;

import static com.royaltydesk.platform.testutil.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.royaltydesk.platform.testutil.Fixtures;
import com.royaltydesk.platform.testutil.Receipts;
import com.royaltydesk.platform.testutil.RunningPlatform;
import com.royaltydesk.platform.testutil.SandboxPlatformTest;
import org.junit.jupiter.api.Test;

class ReceiptReadsHttpTest extends SandboxPlatformTest {

    @Test
    void get_ownerAndPlatform_seeTheReceipt() throws Exception {
        String id = Receipts.record(platform, "m").path("receipt_id").asText();

        JsonNode byOwner = RunningPlatform.body(platform.get("/v1/receipts/" + id, platform.creator42Key()));
        JsonNode byPlatform = RunningPlatform.body(platform.get("/v1/receipts/" + id, platform.platformKey()));

        assertThat(byOwner.path("receipt_id").asText()).isEqualTo(id);
        assertThat(byOwner.path("log_index").asLong()).isZero();
        assertThat(byOwner.path("kid").asText()).isNotBlank();
        assertThat(byPlatform.path("receipt_jwt").asText())
                .isEqualTo(byOwner.path("receipt_jwt").asText());
    }

    /**
     * The assets list counts each asset's receipts; without the index every page of it read every
     * receipt of every creator. PostgreSQL is told not to scan so that a plan on a small table shows
     * whether the index is there at all.
     */
    @Test
    void countsByAsset_readThroughTheDatasetIndex_notEveryReceipt() throws Exception {
        try (var connection = platform.openDatabaseConnection();
                var statement = connection.createStatement()) {
            boolean postgres = connection.getMetaData().getDatabaseProductName().equals("PostgreSQL");
            if (postgres) {
                statement.execute("SET enable_seqscan = off");
            }
            String plan;
            try (var explained = statement.executeQuery(
                    "EXPLAIN " + ReceiptStore.countsByDatasetSql(2).replace("?", "'ds_sandbox_demo'"))) {
                StringBuilder lines = new StringBuilder();
                while (explained.next()) {
                    lines.append(explained.getString(1)).append('\n');
                }
                plan = lines.toString();
            }

            assertThat(plan.toLowerCase(java.util.Locale.ROOT)).contains("receipts_by_dataset");
        }
    }

    @Test
    void get_anotherCreatorOrNoKey_404Or401() throws Exception {
        String id = Receipts.record(platform, "m").path("receipt_id").asText();
        String otherKey = RunningPlatform.body(platform.json("POST", "/v1/creators", null, "{}"))
                .path("api_key")
                .asText();

        assertError(platform.get("/v1/receipts/" + id, otherKey), 404, "not_found");
        assertError(platform.get("/v1/receipts/" + id + "/bundle", otherKey), 404, "not_found");
        assertError(platform.get("/v1/log/inclusion?receipt_id=" + id, otherKey), 404, "not_found");
        assertError(platform.get("/v1/receipts/" + id), 401, "unauthorized");
        assertError(platform.get("/v1/receipts/pt_doesnotexist", platform.platformKey()), 404, "not_found");
    }

    @Test
    void list_creator_seesOnlyOwnWithFiltersAndCursor() throws Exception {
        for (int i = 0; i < 3; i++) {
            Receipts.record(platform, "model-a");
        }
        Receipts.record(platform, "model-b");
        String otherKey = RunningPlatform.body(platform.json("POST", "/v1/creators", null, "{}"))
                .path("api_key")
                .asText();

        JsonNode all = RunningPlatform.body(platform.get("/v1/receipts", platform.creator42Key()));
        JsonNode onlyB = RunningPlatform.body(platform.get("/v1/receipts?model_id=model-b", platform.creator42Key()));
        JsonNode page1 = RunningPlatform.body(platform.get("/v1/receipts?limit=3", platform.creator42Key()));
        JsonNode page2 = RunningPlatform.body(platform.get(
                "/v1/receipts?limit=3&cursor=" + page1.path("next_cursor").asText(), platform.creator42Key()));

        assertThat(all.path("receipts")).hasSize(4);
        assertThat(onlyB.path("receipts")).hasSize(1);
        assertThat(page1.path("receipts")).hasSize(3);
        assertThat(page2.path("receipts")).hasSize(1);
        assertThat(page2.at("/receipts/0/log_index").asLong()).isEqualTo(3);
        assertThat(RunningPlatform.body(platform.get("/v1/receipts", otherKey)).path("receipts"))
                .isEmpty();
        assertError(platform.get("/v1/receipts?creator_id=creator_42", otherKey), 404, "not_found");
        assertError(platform.get("/v1/receipts?limit=0", otherKey), 400, "invalid_request");
    }

    @Test
    void sandboxReceipt_noKeyNeeded_publicAndMarkedAndVerifiable() throws Exception {
        var response = platform.json("POST", "/v1/sandbox/proof-of-training", null, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode issued = RunningPlatform.body(response);

        JsonNode read = RunningPlatform.body(
                platform.get("/v1/receipts/" + issued.path("receipt_id").asText()));
        var check = Receipts.verify(platform, read.path("receipt_jwt").asText());

        assertThat(read.path("sandbox").asBoolean()).isTrue();
        assertThat(check.isVerified()).as(check.detail()).isTrue();
        assertThat(check.payload()).containsEntry("sandbox", true);
        assertThat(check.vouchedBy().key().environment())
                .isEqualTo(com.royaltydesk.verify.trust.TrustedKey.Environment.SANDBOX);
        assertThat(platform.get("/v1/receipts/" + issued.path("receipt_id").asText() + "/bundle")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void sandboxReceipt_withModelBody_namesThatModel() throws Exception {
        JsonNode issued = RunningPlatform.body(
                platform.json("POST", "/v1/sandbox/proof-of-training", null, "{\"model_id\":\"demo-llm\"}"));

        assertThat(Receipts.verify(platform, issued.path("receipt_jwt").asText())
                        .payload())
                .containsEntry("model_id", "demo-llm");
    }

    @Test
    void sandboxReceipt_overTheRateLimit_429WithRetryAfter() throws Exception {
        for (int i = 0; i < com.royaltydesk.platform.PlatformServices.SANDBOX_RECEIPTS_PER_MINUTE; i++) {
            assertThat(platform.json("POST", "/v1/sandbox/proof-of-training", null, null)
                            .statusCode())
                    .isEqualTo(201);
        }

        var limited = platform.json("POST", "/v1/sandbox/proof-of-training", null, null);

        assertError(limited, 429, "rate_limited");
        assertThat(limited.headers().firstValue("Retry-After"))
                .hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isBetween(1, 61));
    }

    @Test
    void sandboxEndpoint_liveMode_404() throws Exception {
        platform.close();
        platform = RunningPlatform.start(dataDir.resolve("live"), false);

        assertError(platform.json("POST", "/v1/sandbox/proof-of-training", null, null), 404, "not_found");
    }

    @Test
    void receiptForAFreshCreatorsUploadedAsset_fullFlow() throws Exception {
        JsonNode signUp = RunningPlatform.body(platform.json("POST", "/v1/creators", null, "{}"));
        byte[] content = Fixtures.content("flow");
        JsonNode asset = RunningPlatform.body(
                platform.json("POST", "/v1/assets", signUp.path("api_key").asText(), Fixtures.assetJson(content)));
        platform.putBytes(
                asset.path("upload_url").asText(), signUp.path("api_key").asText(), content);

        var recorded = platform.json(
                "POST",
                "/v1/proof-of-training",
                platform.platformKey(),
                Receipts.proofJson(
                        asset.path("asset_id").asText(),
                        signUp.path("creator_id").asText(),
                        "m"));

        assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
        var check = Receipts.verify(
                platform, RunningPlatform.body(recorded).path("receipt_jwt").asText());
        assertThat(check.payload()).containsEntry("dataset_sha256", Fixtures.sha256(content));
    }
}
