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
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProofOfTrainingHttpTest extends SandboxPlatformTest {

    @TempDir
    Path verifierState;

    private HttpResponse<String> record(String body) throws Exception {
        return platform.json("POST", "/v1/proof-of-training", platform.platformKey(), body);
    }

    private long logSize() throws Exception {
        return platform.checkpointJson().path("tree_size").asLong();
    }

    @Test
    void record_valid_201WithSignedReceiptThatVerifiesAgainstJwks() throws Exception {
        HttpResponse<String> response = record(proofJson("ds_sandbox_demo", "creator_42", "model_xyz"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode body = RunningPlatform.body(response);
        assertThat(body.path("training_id").asText()).startsWith("pt_");
        assertThat(body.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(body.path("alg").asText()).isEqualTo("EdDSA");
        ReceiptCheck check = Receipts.verify(platform, body.path("receipt_jwt").asText());
        assertThat(check.status()).isEqualTo(ReceiptStatus.VERIFIED);
        assertThat(check.header())
                .containsEntry("typ", "rdk-receipt+jwt")
                .containsEntry("kid", body.path("kid").asText());
        assertThat(check.receiptId()).isEqualTo(body.path("training_id").asText());
        assertThat(check.payload())
                .containsEntry("dataset_id", "ds_sandbox_demo")
                .containsEntry("creator_id", "creator_42")
                .containsEntry("model_id", "model_xyz")
                .containsEntry("artifact_hash", Receipts.ARTIFACT)
                .containsEntry("license", "cc-by-4.0")
                .containsKey("evidence_sha256")
                .doesNotContainKey("sandbox");
        assertThat(check.payload().get("portion_used").toString()).isEqualTo("0.12");
    }

    @Test
    void record_notPlatformKey_401Or403() throws Exception {
        String body = proofJson("ds_sandbox_demo", "creator_42", "m");
        assertError(platform.json("POST", "/v1/proof-of-training", null, body), 401, "unauthorized");
        assertError(platform.json("POST", "/v1/proof-of-training", platform.creator42Key(), body), 403, "forbidden");
        assertError(platform.json("POST", "/v1/proof-of-training", platform.hostKey(), body), 403, "forbidden");
    }

    @Test
    void record_datasetNotTheCreators_400AndNothingLogged() throws Exception {
        String otherKey = RunningPlatform.body(platform.json("POST", "/v1/creators", null, "{}"))
                .path("api_key")
                .asText();
        JsonNode other = RunningPlatform.body(
                platform.json("POST", "/v1/assets", otherKey, Fixtures.assetJson(Fixtures.content("other"))));

        assertErrorField(
                record(proofJson(other.path("asset_id").asText(), "creator_42", "m")),
                400,
                "invalid_request",
                "dataset_id");
        assertErrorField(record(proofJson("ds_missing", "creator_42", "m")), 400, "invalid_request", "dataset_id");
        assertThat(logSize()).isZero();
    }

    @Test
    void record_invalidFields_400NamingEachAndNothingLogged() throws Exception {
        String valid = proofJson("ds_sandbox_demo", "creator_42", "m");
        assertErrorField(record(valid.replace("0.12", "0")), 400, "invalid_request", "metadata.portion_used");
        assertErrorField(record(valid.replace("0.12", "1.5")), 400, "invalid_request", "metadata.portion_used");
        assertErrorField(
                record(valid.replace(Receipts.ARTIFACT, "sha256:XYZ")), 400, "invalid_request", "artifact_hash");
        assertErrorField(record(valid.replace("cc-by-4.0", "gpl-ish")), 400, "invalid_request", "metadata.license");
        assertErrorField(
                record(valid.replace("\"model_id\":\"m\"", "\"model_id\":\"\"")), 400, "invalid_request", "model_id");
        assertErrorField(
                record(valid.replace("\"slice\"", "\"slice\":\"" + "x".repeat(5000) + "\",\"s\"")),
                400,
                "invalid_request",
                "evidence");
        assertErrorField(
                record(valid.replace("\"evidence\"", "\"extra\":1,\"evidence\"")), 400, "invalid_request", "extra");
        assertErrorField(
                record(valid.replace("\"portion_used\":0.12", "\"portion_used\":\"lots\"")),
                400,
                "invalid_request",
                "metadata.portion_used");
        assertThat(logSize()).isZero();
    }

    @Test
    void record_sameIdempotencyKeySameBody_sameReceiptLoggedOnce() throws Exception {
        String body = proofJson("ds_sandbox_demo", "creator_42", "m");

        HttpResponse<String> first = withKey("key-1", body);
        HttpResponse<String> second = withKey("key-1", body);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(RunningPlatform.body(second).path("receipt_jwt").asText())
                .isEqualTo(RunningPlatform.body(first).path("receipt_jwt").asText());
        assertThat(logSize()).isEqualTo(1);
    }

    @Test
    void record_sameIdempotencyKeyOtherBody_409AndNothingNew() throws Exception {
        withKey("key-2", proofJson("ds_sandbox_demo", "creator_42", "m1"));

        assertError(withKey("key-2", proofJson("ds_sandbox_demo", "creator_42", "m2")), 409, "idempotency_key_reused");
        assertThat(logSize()).isEqualTo(1);
    }

    @Test
    void record_manyAtOnce_eachInTheLogOnceAtItsOwnIndex_andEveryBundleVerifies() throws Exception {
        int count = 24;
        List<HttpResponse<String>> responses =
                atOnce(count, i -> record(proofJson("ds_sandbox_demo", "creator_42", "model-" + i)));

        List<Long> indexes = new ArrayList<>();
        for (HttpResponse<String> response : responses) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            JsonNode receipt = RunningPlatform.body(response);
            indexes.add(receipt.path("log_index").asLong());
            String receiptId = receipt.path("receipt_id").asText();
            assertThat(Receipts.bundleStatus(platform, verifierState, receiptId, platform.creator42Key()))
                    .as(receiptId)
                    .isEqualTo(ReceiptStatus.VERIFIED);
        }
        assertThat(indexes)
                .containsExactlyInAnyOrderElementsOf(
                        LongStream.range(0, count).boxed().toList());
        assertThat(logSize()).isEqualTo(count);
    }

    @Test
    void record_sameIdempotencyKeyAtOnce_oneReceiptForAll_loggedOnce() throws Exception {
        String body = proofJson("ds_sandbox_demo", "creator_42", "m");

        List<HttpResponse<String>> responses = atOnce(8, i -> withKey("key-race", body));

        List<String> receiptIds = new ArrayList<>();
        long firstAnswers = 0;
        for (HttpResponse<String> response : responses) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            receiptIds.add(RunningPlatform.body(response).path("receipt_id").asText());
            if (response.headers().firstValue("Idempotent-Replayed").isEmpty()) {
                firstAnswers++;
            }
        }
        assertThat(receiptIds).containsOnly(receiptIds.get(0));
        assertThat(firstAnswers).isEqualTo(1);
        assertThat(logSize()).isEqualTo(1);
    }

    private interface Request {
        HttpResponse<String> send(int i) throws Exception;
    }

    /** {@code count} requests released together, so they reach the log in shared groups. */
    private static List<HttpResponse<String>> atOnce(int count, Request request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                Callable<HttpResponse<String>> call = () -> {
                    go.await();
                    return request.send(n);
                };
                sent.add(pool.submit(call));
            }
            go.countDown();
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (Future<HttpResponse<String>> response : sent) {
                responses.add(response.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    private HttpResponse<String> withKey(String idempotencyKey, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(java.net.URI.create(platform.baseUrl() + "/v1/proof-of-training"))
                .header("Authorization", "Bearer " + platform.platformKey())
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
