package com.royaltydesk.platform.assets;

import static com.royaltydesk.platform.testutil.ErrorAssertions.assertError;
import static com.royaltydesk.platform.testutil.ErrorAssertions.assertErrorField;
import static com.royaltydesk.platform.testutil.Fixtures.assetJson;
import static com.royaltydesk.platform.testutil.Fixtures.content;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.royaltydesk.platform.testutil.Fixtures;
import com.royaltydesk.platform.testutil.Receipts;
import com.royaltydesk.platform.testutil.RunningPlatform;
import com.royaltydesk.platform.testutil.SandboxPlatformTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AssetsHttpTest extends SandboxPlatformTest {

    private String creatorKey;

    @BeforeEach
    void prepare() throws Exception {
        // A fresh creator: the sandbox's creator_42 already owns the demo dataset.
        creatorKey = otherCreatorKey();
    }

    private HttpResponse<String> register(String key, String body) throws Exception {
        return platform.json("POST", "/v1/assets", key, body);
    }

    private String otherCreatorKey() throws Exception {
        return RunningPlatform.body(platform.json("POST", "/v1/creators", null, "{}"))
                .path("api_key")
                .asText();
    }

    @Test
    void register_valid_201WithIdAndUploadUrlAndExactRate() throws Exception {
        HttpResponse<String> response = register(creatorKey, assetJson(content("a")));

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode body = RunningPlatform.body(response);
        String assetId = body.path("asset_id").asText();
        assertThat(assetId).startsWith("ds_");
        assertThat(body.path("upload_url").asText())
                .isEqualTo(platform.baseUrl() + "/v1/assets/" + assetId + "/content");
        assertThat(response.body()).contains("\"rate\":0.0001");
        assertThat(body.at("/asset/price_model/currency").asText()).isEqualTo("USD");
        assertThat(body.at("/asset/upload_status").asText()).isEqualTo("awaiting_upload");
    }

    @Test
    void listAndGet_ownAssets_visible() throws Exception {
        String assetId = RunningPlatform.body(register(creatorKey, assetJson(content("b"))))
                .path("asset_id")
                .asText();

        JsonNode list = RunningPlatform.body(platform.get("/v1/assets", creatorKey));
        JsonNode one = RunningPlatform.body(platform.get("/v1/assets/" + assetId, creatorKey));

        assertThat(list.path("assets")).hasSize(1);
        assertThat(list.at("/assets/0/asset_id").asText()).isEqualTo(assetId);
        assertThat(one.path("name").asText()).isEqualTo("annotated-images-v1");
    }

    @Test
    void listAndGet_receiptCountPerAsset() throws Exception {
        JsonNode creator = RunningPlatform.body(platform.json("POST", "/v1/creators", null, "{}"));
        String key = creator.path("api_key").asText();
        String used = Receipts.registerProven(platform, key, content("used"), "{\"type\":\"per_use\",\"rate\":0.0001}")
                .path("asset_id")
                .asText();
        String unused = RunningPlatform.body(register(key, assetJson(content("unused"))))
                .path("asset_id")
                .asText();
        for (String model : List.of("m1", "m2", "m3")) {
            platform.json(
                    "POST",
                    "/v1/proof-of-training",
                    platform.platformKey(),
                    Receipts.proofJson(used, creator.path("creator_id").asText(), model));
        }

        JsonNode listed = RunningPlatform.body(platform.get("/v1/assets", key)).path("assets");

        assertThat(listed).extracting(a -> a.path("asset_id").asText()).containsExactly(used, unused);
        assertThat(listed).extracting(a -> a.path("receipt_count").asLong()).containsExactly(3L, 0L);
        assertThat(RunningPlatform.body(platform.get("/v1/assets/" + used, key))
                        .path("receipt_count")
                        .asLong())
                .isEqualTo(3);
    }

    @Test
    void get_anotherCreatorsAsset_404AndNotInTheirList() throws Exception {
        String assetId = RunningPlatform.body(register(creatorKey, assetJson(content("c"))))
                .path("asset_id")
                .asText();
        String other = otherCreatorKey();

        assertError(platform.get("/v1/assets/" + assetId, other), 404, "not_found");
        assertThat(RunningPlatform.body(platform.get("/v1/assets", other)).path("assets"))
                .isEmpty();
        assertError(platform.get("/v1/assets?creator_id=creator_42", creatorKey), 404, "not_found");
    }

    @Test
    void list_platformKey_seesEveryCreatorsAssets() throws Exception {
        register(creatorKey, assetJson(content("d1")));
        register(otherCreatorKey(), assetJson(content("d2")));

        // The two registered here plus creator_42's sandbox demo dataset.
        assertThat(RunningPlatform.body(platform.get("/v1/assets", platform.platformKey()))
                        .path("assets"))
                .hasSize(3);
        assertThat(RunningPlatform.body(platform.get("/v1/assets?creator_id=creator_42", platform.platformKey()))
                        .path("assets"))
                .hasSize(1);
    }

    @Test
    void list_morethanOnePage_cursorWalksAllOnce() throws Exception {
        for (int i = 0; i < 5; i++) {
            register(creatorKey, assetJson(content("page" + i)));
        }
        JsonNode first = RunningPlatform.body(platform.get("/v1/assets?limit=2", creatorKey));
        JsonNode second = RunningPlatform.body(platform.get(
                "/v1/assets?limit=2&cursor=" + first.path("next_cursor").asText(), creatorKey));
        JsonNode third = RunningPlatform.body(platform.get(
                "/v1/assets?limit=2&cursor=" + second.path("next_cursor").asText(), creatorKey));

        assertThat(first.path("assets")).hasSize(2);
        assertThat(second.path("assets")).hasSize(2);
        assertThat(third.path("assets")).hasSize(1);
        assertThat(third.path("next_cursor").isNull()).isTrue();
        assertThat(first.at("/assets/0/asset_id").asText())
                .isNotEqualTo(second.at("/assets/0/asset_id").asText());
    }

    @Test
    void list_badCursorOrLimit_400() throws Exception {
        assertErrorField(platform.get("/v1/assets?cursor=garbage", creatorKey), 400, "invalid_request", "cursor");
        assertErrorField(platform.get("/v1/assets?limit=100000", creatorKey), 400, "invalid_request", "limit");
    }

    @Test
    void register_contentAnotherCreatorProved_409DuplicateContentWithoutOwner() throws Exception {
        byte[] content = content("shared");
        Receipts.registerProven(platform, creatorKey, content, "{\"type\":\"per_use\",\"rate\":0.0001}");

        JsonNode error = assertError(register(otherCreatorKey(), assetJson(content)), 409, "duplicate_content");

        assertThat(error.path("message").asText()).doesNotContain("creator_");
    }

    @Test
    void seedBody_noHashesNoSize_201AndTheUploadDecidesTheContent() throws Exception {
        String seedBody = """
                {"name":"annotated-images-v1","description":"5k labeled images","license":"cc-by-nc-4.0",
                 "price_model":{"type":"per_use","rate":0.0001}}""";
        var response = register(creatorKey, seedBody);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode asset = RunningPlatform.body(response);
        byte[] content = content("seed-flow");

        var uploaded = platform.putBytes(asset.path("upload_url").asText(), creatorKey, content);

        assertThat(asset.path("content_hashes")).isEmpty();
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        JsonNode proven = RunningPlatform.body(uploaded);
        assertThat(proven.path("upload_status").asText()).isEqualTo("verified");
        assertThat(proven.path("content_hashes").get(0).asText()).isEqualTo(Fixtures.sha256(content));
        assertThat(proven.path("size_bytes").asLong()).isEqualTo(content.length);
    }

    @Test
    void declaredHashReservesNothing_theUploaderOwnsIt_andTheSquattersUploadIs409AndStaysUnproven() throws Exception {
        byte[] content = content("someone else's file");
        String squatterKey = otherCreatorKey();
        JsonNode squatted = RunningPlatform.body(register(squatterKey, assetJson(content)));

        JsonNode owner =
                Receipts.registerProven(platform, creatorKey, content, "{\"type\":\"per_use\",\"rate\":0.0001}");
        var squatterUpload = platform.putBytes(squatted.path("upload_url").asText(), squatterKey, content);

        assertThat(owner.path("asset_id").asText()).isNotBlank();
        assertError(squatterUpload, 409, "duplicate_content");
        assertThat(RunningPlatform.body(platform.get(
                                "/v1/assets/" + squatted.path("asset_id").asText(), squatterKey))
                        .path("upload_status")
                        .asText())
                .isEqualTo("awaiting_upload");
    }

    @Test
    void proofOfTraining_assetNeverUploaded_409ContentNotProvenThen201AfterUpload() throws Exception {
        JsonNode creator = RunningPlatform.body(platform.json("POST", "/v1/creators", null, "{}"));
        String key = creator.path("api_key").asText();
        byte[] content = content("not yet");
        JsonNode asset = RunningPlatform.body(register(key, assetJson(content)));
        String proof = Receipts.proofJson(
                asset.path("asset_id").asText(), creator.path("creator_id").asText(), "m");

        assertError(
                platform.json("POST", "/v1/proof-of-training", platform.platformKey(), proof),
                409,
                "content_not_proven");
        platform.putBytes(asset.path("upload_url").asText(), key, content);
        assertThat(platform.json("POST", "/v1/proof-of-training", platform.platformKey(), proof)
                        .statusCode())
                .isEqualTo(201);
    }

    @Test
    void upload_notTheDeclaredContent_400AndStaysUnproven() throws Exception {
        JsonNode asset = RunningPlatform.body(register(creatorKey, assetJson(content("declared"))));

        assertError(
                platform.putBytes(asset.path("upload_url").asText(), creatorKey, content("other bytes")),
                400,
                "content_mismatch");
        assertThat(RunningPlatform.body(platform.get(
                                "/v1/assets/" + asset.path("asset_id").asText(), creatorKey))
                        .path("upload_status")
                        .asText())
                .isEqualTo("awaiting_upload");
    }

    @Test
    void register_hostKey_403() throws Exception {
        assertError(register(platform.hostKey(), assetJson(content("h"))), 403, "forbidden");
    }

    @Test
    void register_invalidInputs_400NamingTheField() throws Exception {
        byte[] c = content("v");
        assertErrorField(
                register(creatorKey, assetJson(c).replace("cc-by-nc-4.0", "whatever")),
                400,
                "invalid_request",
                "license");
        assertErrorField(
                register(creatorKey, assetJson(c, "{\"type\":\"rev_share\",\"share\":1.5}")),
                400,
                "invalid_request",
                "price_model.share");
        assertErrorField(
                register(creatorKey, assetJson(c, "{\"type\":\"per_use\",\"rate\":0}")),
                400,
                "invalid_request",
                "price_model.rate");
        assertErrorField(
                register(creatorKey, assetJson(c, "{\"type\":\"per_use\",\"rate\":0.1,\"share\":0.2}")),
                400,
                "invalid_request",
                "price_model.share");
        assertErrorField(
                register(creatorKey, assetJson(c, "{\"type\":\"barter\"}")),
                400,
                "invalid_request",
                "price_model.type");
        assertErrorField(
                register(creatorKey, assetJson(c, "{\"type\":\"per_use\",\"rate\":0.1,\"currency\":\"XXZ\"}")),
                400,
                "invalid_request",
                "price_model.currency");
        assertErrorField(
                register(creatorKey, assetJson(c).replace(Fixtures.sha256(c), "md5:abc")),
                400,
                "invalid_request",
                "content_hashes[0]");
        assertErrorField(
                register(creatorKey, assetJson(c).replace("\"size_bytes\"", "\"size_bytes_x\"")),
                400,
                "invalid_request",
                "size_bytes_x");
        assertThat(RunningPlatform.body(platform.get("/v1/assets", creatorKey)).path("assets"))
                .isEmpty();
    }

    @Test
    void register_everyPriceModel_accepted() throws Exception {
        assertThat(register(creatorKey, assetJson(content("p1"), "{\"type\":\"rev_share\",\"share\":0.20}"))
                        .statusCode())
                .isEqualTo(201);
        assertThat(register(
                                creatorKey,
                                assetJson(
                                        content("p2"),
                                        "{\"type\":\"floor_plus\",\"monthly_floor\":50,\"rate\":0.0002}"))
                        .statusCode())
                .isEqualTo(201);
        HttpResponse<String> bonus =
                register(creatorKey, assetJson(content("p3"), "{\"type\":\"subscription_bonus\"}"));
        assertThat(bonus.statusCode()).isEqualTo(201);
        assertThat(RunningPlatform.body(bonus).at("/asset/price_model/weight").asText())
                .isEqualTo("1");
    }

    @Test
    void upload_matchingContent_verified() throws Exception {
        byte[] content = new byte[3 * 1024 * 1024 + 17]; // larger than the JSON body cap: uploads stream
        new Random(7).nextBytes(content);
        JsonNode registered = RunningPlatform.body(register(creatorKey, assetJson(content)));

        HttpResponse<String> upload =
                platform.putBytes(registered.path("upload_url").asText(), creatorKey, content);

        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
        assertThat(RunningPlatform.body(upload).path("upload_status").asText()).isEqualTo("verified");
    }

    @Test
    void upload_differentContent_400ContentMismatchAndStillAwaiting() throws Exception {
        JsonNode registered = RunningPlatform.body(register(creatorKey, assetJson(content("real"))));
        String url = registered.path("upload_url").asText();

        assertError(platform.putBytes(url, creatorKey, content("fake")), 400, "content_mismatch");
        assertError(platform.putBytes(url, creatorKey, content("real-but-longer")), 400, "content_mismatch");

        JsonNode asset = RunningPlatform.body(
                platform.get("/v1/assets/" + registered.path("asset_id").asText(), creatorKey));
        assertThat(asset.path("upload_status").asText()).isEqualTo("awaiting_upload");
    }

    @Test
    void upload_toAnotherCreatorsAsset_404() throws Exception {
        byte[] content = content("mine");
        JsonNode registered = RunningPlatform.body(register(creatorKey, assetJson(content)));

        assertError(
                platform.putBytes(registered.path("upload_url").asText(), otherCreatorKey(), content),
                404,
                "not_found");
    }
}
