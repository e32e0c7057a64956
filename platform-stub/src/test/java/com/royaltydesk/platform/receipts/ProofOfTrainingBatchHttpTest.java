package com.royaltydesk.platform.receipts;

import static com.royaltydesk.platform.testutil.ErrorAssertions.assertError;
import static com.royaltydesk.platform.testutil.ErrorAssertions.assertErrorField;
import static com.royaltydesk.platform.testutil.Receipts.proofJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.royaltydesk.platform.testutil.Fixtures;
import com.royaltydesk.platform.testutil.Receipts;
import com.royaltydesk.platform.testutil.RunningPlatform;
import com.royaltydesk.platform.testutil.SandboxPlatformTest;
import com.royaltydesk.verify.ReceiptCheck;
import com.royaltydesk.verify.ReceiptStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /v1/proof-of-training/batch}: several claims issued in one request, all at
 * consecutive log indexes or none at all, each receipt checked with the receipt-verifier's code.
 */
class ProofOfTrainingBatchHttpTest extends SandboxPlatformTest {

    private static final String PATH = "/v1/proof-of-training/batch";

    @TempDir
    Path verifierState;

    private static List<String> claims(String modelPrefix, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> proofJson("ds_sandbox_demo", "creator_42", modelPrefix + i))
                .toList();
    }

    private static String batch(List<String> claims) {
        return "{\"claims\":[" + String.join(",", claims) + "]}";
    }

    private HttpResponse<String> send(String body) throws Exception {
        return platform.json("POST", PATH, platform.platformKey(), body);
    }

    private HttpResponse<String> sendWithKey(String path, String idempotencyKey, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(platform.baseUrl() + path))
                .header("Authorization", "Bearer " + platform.platformKey())
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private long logSize() throws Exception {
        return platform.checkpointJson().path("tree_size").asLong();
    }

    private static List<JsonNode> receiptsOf(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        List<JsonNode> receipts = new ArrayList<>();
        RunningPlatform.body(response).path("receipts").forEach(receipts::add);
        return receipts;
    }

    @Test
    void batch_valid_201_receiptsInClaimOrderAtConsecutiveIndexes_eachVerifies() throws Exception {
        List<JsonNode> receipts = receiptsOf(send(batch(claims("model-", 5))));

        assertThat(receipts).hasSize(5);
        for (int i = 0; i < receipts.size(); i++) {
            JsonNode receipt = receipts.get(i);
            assertThat(receipt.path("log_index").asLong()).isEqualTo(i);
            ReceiptCheck check =
                    Receipts.verify(platform, receipt.path("receipt_jwt").asText());
            assertThat(check.status()).isEqualTo(ReceiptStatus.VERIFIED);
            assertThat(check.receiptId()).isEqualTo(receipt.path("receipt_id").asText());
            assertThat(check.payload()).containsEntry("model_id", "model-" + i);
            assertThat(Receipts.bundleStatus(
                            platform, verifierState, receipt.path("receipt_id").asText(), platform.creator42Key()))
                    .isEqualTo(ReceiptStatus.VERIFIED);
        }
        assertThat(receipts.stream().map(r -> r.path("receipt_id").asText()).distinct())
                .hasSize(5);
        assertThat(logSize()).isEqualTo(5);
    }

    @Test
    void batch_oneInvalidClaim_400NamingItsPlace_andNothingIssued() throws Exception {
        List<String> claims = new ArrayList<>(claims("m", 4));
        String valid = claims.get(0);

        claims.set(2, valid.replace("0.12", "1.5"));
        assertErrorField(send(batch(claims)), 400, "invalid_request", "claims[2].metadata.portion_used");
        claims.set(2, valid);
        claims.set(1, proofJson("ds_missing", "creator_42", "m"));
        assertErrorField(send(batch(claims)), 400, "invalid_request", "claims[1].dataset_id");
        claims.set(1, valid);
        claims.set(3, valid.replace("\"portion_used\":0.12", "\"portion_used\":\"lots\""));
        assertErrorField(send(batch(claims)), 400, "invalid_request", "claims[3].metadata.portion_used");
        claims.set(3, valid.replace("\"evidence\"", "\"extra\":1,\"evidence\""));
        assertErrorField(send(batch(claims)), 400, "invalid_request", "claims[3].extra");

        assertThat(logSize()).isZero();
    }

    @Test
    void batch_unprovenContent_409NamingTheClaim_andNothingIssued() throws Exception {
        JsonNode unproven = RunningPlatform.body(platform.json(
                "POST", "/v1/assets", platform.creator42Key(), Fixtures.assetJson(Fixtures.content("not-uploaded"))));
        List<String> claims = new ArrayList<>(claims("m", 3));
        claims.set(1, proofJson(unproven.path("asset_id").asText(), "creator_42", "m"));

        JsonNode error = assertError(send(batch(claims)), 409, "content_not_proven");

        assertThat(error.path("message").asText()).startsWith("claims[1]: ");
        assertThat(logSize()).isZero();
    }

    @Test
    void batch_emptyMissingNullOrOverTheLimit_400NamingClaims_andNothingIssued() throws Exception {
        assertErrorField(send("{\"claims\":[]}"), 400, "invalid_request", "claims");
        assertErrorField(send("{}"), 400, "invalid_request", "claims");
        assertErrorField(send("{\"claims\":[null]}"), 400, "invalid_request", "claims[0]");
        HttpResponse<String> tooMany = send(batch(claims("m", ReceiptService.MAX_BATCH + 1)));
        JsonNode error = assertError(tooMany, 400, "invalid_request");
        assertThat(error.path("field").asText()).isEqualTo("claims");
        assertThat(error.path("message").asText()).contains("at most " + ReceiptService.MAX_BATCH);

        assertThat(logSize()).isZero();
    }

    @Test
    void batch_atTheLimit_allIssuedInOneGroup() throws Exception {
        List<JsonNode> receipts = receiptsOf(send(batch(claims("m", ReceiptService.MAX_BATCH))));

        assertThat(receipts.stream().map(r -> r.path("log_index").asLong()).toList())
                .isEqualTo(LongStream.range(0, ReceiptService.MAX_BATCH).boxed().toList());
        assertThat(logSize()).isEqualTo(ReceiptService.MAX_BATCH);
    }

    @Test
    void batch_notPlatformKey_401Or403() throws Exception {
        String body = batch(claims("m", 2));
        assertError(platform.json("POST", PATH, null, body), 401, "unauthorized");
        assertError(platform.json("POST", PATH, platform.creator42Key(), body), 403, "forbidden");
        assertError(platform.json("POST", PATH, platform.hostKey(), body), 403, "forbidden");
        assertThat(logSize()).isZero();
    }

    @Test
    void batch_sameIdempotencyKeySameBody_sameReceiptsAgain_loggedOnce() throws Exception {
        String body = batch(claims("m", 3));

        HttpResponse<String> first = sendWithKey(PATH, "batch-1", body);
        HttpResponse<String> second = sendWithKey(PATH, "batch-1", body);

        assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(receiptsOf(second).stream().map(JsonNode::toString).toList())
                .isEqualTo(receiptsOf(first).stream().map(JsonNode::toString).toList());
        assertThat(logSize()).isEqualTo(3);
    }

    @Test
    void batch_sameIdempotencyKeyOtherBody_409AndNothingNew() throws Exception {
        sendWithKey(PATH, "batch-2", batch(claims("a", 2)));

        assertError(sendWithKey(PATH, "batch-2", batch(claims("b", 2))), 409, "idempotency_key_reused");
        assertError(sendWithKey(PATH, "batch-2", batch(claims("a", 3))), 409, "idempotency_key_reused");
        assertThat(logSize()).isEqualTo(2);
    }

    /** One key may serve one single request and one batch: each answers its own request. */
    @Test
    void aKeyUsedForOneReceiptAndForABatch_eachGetsItsOwn() throws Exception {
        JsonNode single = RunningPlatform.body(
                sendWithKey("/v1/proof-of-training", "shared", proofJson("ds_sandbox_demo", "creator_42", "m")));
        List<JsonNode> batch = receiptsOf(sendWithKey(PATH, "shared", batch(claims("m", 2))));

        assertThat(batch)
                .extracting(r -> r.path("receipt_id").asText())
                .doesNotContain(single.path("receipt_id").asText());
        assertThat(receiptsOf(sendWithKey(PATH, "shared", batch(claims("m", 2)))).stream()
                        .map(r -> r.path("receipt_id").asText())
                        .toList())
                .isEqualTo(
                        batch.stream().map(r -> r.path("receipt_id").asText()).toList());
        assertThat(logSize()).isEqualTo(3);
    }

    @Test
    void batchesAndSingleReceiptsAtOnce_eachBatchWholeAtConsecutiveIndexes_everyIndexOnce() throws Exception {
        int requests = 12;
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        List<List<Long>> batchesIndexes = Collections.synchronizedList(new ArrayList<>());
        List<Long> all = Collections.synchronizedList(new ArrayList<>());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                int n = i;
                sent.add(pool.submit(() -> {
                    go.await();
                    if (n % 3 == 0) {
                        JsonNode one = Receipts.record(platform, "single-" + n);
                        all.add(one.path("log_index").asLong());
                    } else {
                        List<Long> indexes = receiptsOf(send(batch(claims("b" + n + "-", 100)))).stream()
                                .map(r -> r.path("log_index").asLong())
                                .toList();
                        batchesIndexes.add(indexes);
                        all.addAll(indexes);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> request : sent) {
                request.get();
            }
        } finally {
            pool.shutdownNow();
        }

        for (List<Long> indexes : batchesIndexes) {
            assertThat(indexes)
                    .isEqualTo(LongStream.range(indexes.get(0), indexes.get(0) + 100)
                            .boxed()
                            .toList());
        }
        long total = 4 + 8 * 100;
        assertThat(all.stream().collect(Collectors.toSet()))
                .isEqualTo(LongStream.range(0, total).boxed().collect(Collectors.toSet()));
        assertThat(logSize()).isEqualTo(total);
    }
}
