package com.royaltydesk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.royaltydesk.platform.testutil.PlatformProcess;
import com.royaltydesk.platform.testutil.Receipts;
import com.royaltydesk.platform.testutil.RunningPlatform;
import com.royaltydesk.platform.testutil.TestDatabase;
import com.royaltydesk.platform.testutil.Usage;
import com.royaltydesk.platform.testutil.WebhookReceiver;
import com.royaltydesk.verify.MerkleProofs;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two platform instances on different ports sharing one PostgreSQL database, each request racing
 * its twin on the other instance. Runs in the PostgreSQL test run; skipped, saying so, on H2 (one
 * H2 file belongs to one process).
 */
class SeveralInstancesTest {

    @TempDir
    Path dir;

    private String databaseUrl;
    private final List<AutoCloseable> running = new ArrayList<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @BeforeEach
    void database() {
        TestDatabase.assumePostgres();
        // The database of data dir "a"; every instance in a test uses it, whatever its own data dir.
        databaseUrl = TestDatabase.postgresUrl(dir.resolve("a"));
    }

    @AfterEach
    void stop() throws Exception {
        pool.shutdownNow();
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    private RunningPlatform instance(String name) {
        RunningPlatform platform = RunningPlatform.start(
                new PlatformConfig(PlatformConfig.DEFAULT_HOST, 0, dir.resolve(name), databaseUrl, true)
                        .withDatabaseLogin(TestDatabase.login())
                        .withKeyEncryptionKeyFile(sharedKeyEncryptionKey()));
        running.add(platform);
        return platform;
    }

    /** Instances on one database seal and open its signing keys with one key-encryption key. */
    private Path sharedKeyEncryptionKey() {
        return dir.resolve("shared.kek");
    }

    /** Runs both calls at the same moment, one per instance, and returns both answers. */
    private <T> List<T> atOnce(Callable<T> first, Callable<T> second) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        Future<T> one = pool.submit(() -> {
            go.await();
            return first.call();
        });
        Future<T> two = pool.submit(() -> {
            go.await();
            return second.call();
        });
        go.countDown();
        return List.of(one.get(), two.get());
    }

    private long count(RunningPlatform platform, String sql) throws Exception {
        try (Connection connection = platform.openDatabaseConnection();
                ResultSet row = connection.createStatement().executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    @Test
    void sameEventIds_sentToBothInstancesAtOnce_countedOnce() throws Exception {
        RunningPlatform a = instance("a");
        RunningPlatform b = instance("b");
        String receipt = Receipts.record(a, "m").path("receipt_id").asText();
        int rounds = 8;
        int perBatch = 300;

        for (int round = 0; round < rounds; round++) {
            String batch = Usage.batch("r" + round, perBatch, "m", receipt, 1, Instant.now());
            List<JsonNode> answers = atOnce(
                    () -> RunningPlatform.body(a.json("POST", "/v1/usage-events", a.hostKey(), batch)),
                    () -> RunningPlatform.body(b.json("POST", "/v1/usage-events", a.hostKey(), batch)));

            assertThat(answers.get(0).path("accepted").asInt()
                            + answers.get(1).path("accepted").asInt())
                    .as("round %d: %s", round, answers)
                    .isEqualTo(perBatch);
            assertThat(answers.get(0).path("duplicates").asInt()
                            + answers.get(1).path("duplicates").asInt())
                    .isEqualTo(perBatch);
        }
        assertThat(count(a, "SELECT COUNT(*) FROM usage_events")).isEqualTo((long) rounds * perBatch);
        assertThat(count(a, "SELECT SUM(events) FROM usage_rollups")).isEqualTo((long) rounds * perBatch);
    }

    @Test
    void settlementRequestedOnBothInstancesAtOnce_runsOnce() throws Exception {
        RunningPlatform a = instance("a");
        RunningPlatform b = instance("b");
        YearMonth current = YearMonth.now(ZoneOffset.UTC);
        Instant inLastMonth =
                current.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().minus(Duration.ofHours(1));
        String receipt = Receipts.record(a, "m").path("receipt_id").asText();
        a.json("POST", "/v1/usage-events", a.hostKey(), Usage.batch("late", 50, "m", receipt, 100_000, inLastMonth));

        // Last month has usage and pays out, settled once though both instances are asked at once.
        String body = "{\"period\":\"" + current.minusMonths(1) + "\"}";
        List<HttpResponse<String>> answers = atOnce(
                () -> a.json("POST", "/v1/settlements", a.platformKey(), body),
                () -> b.json("POST", "/v1/settlements", a.platformKey(), body));

        assertThat(answers.stream().map(HttpResponse::statusCode).sorted())
                .as(answers.get(0).body() + " / " + answers.get(1).body())
                .containsExactly(200, 201);
        assertThat(RunningPlatform.body(answers.get(0)).path("settlement_id"))
                .isEqualTo(RunningPlatform.body(answers.get(1)).path("settlement_id"));
        // An older month has no usage before it: it is not a real period to settle (decision 0015).
        assertThat(b.json("POST", "/v1/settlements", a.platformKey(), "{\"period\":\"" + current.minusMonths(2) + "\"}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(count(a, "SELECT COUNT(*) FROM settlements")).isEqualTo(1);
        assertThat(count(a, "SELECT COUNT(*) FROM payouts")).isEqualTo(1);
        assertThat(RunningPlatform.body(b.get("/v1/payouts", a.creator42Key())).path("payouts"))
                .hasSize(1);
    }

    @Test
    void receiptsIssuedOnBothInstancesAtOnce_oneLogWhoseProofsVerify() throws Exception {
        RunningPlatform a = instance("a");
        RunningPlatform b = instance("b");
        int each = 20;

        List<List<String>> issued = atOnce(() -> issueReceipts(a, each), () -> issueReceipts(b, each));

        assertThat(a.get("/.well-known/jwks.json").body())
                .isEqualTo(b.get("/.well-known/jwks.json").body());
        JsonNode checkpointA = a.checkpointJson();
        JsonNode checkpointB = b.checkpointJson();
        assertThat(checkpointA.path("tree_size").asLong()).isEqualTo(2L * each);
        assertThat(checkpointA.path("root_hash")).isEqualTo(checkpointB.path("root_hash"));
        assertThat(checkpointA.path("note"))
                .as("one stored checkpoint per size")
                .isEqualTo(checkpointB.path("note"));
        byte[] root = HexFormat.of().parseHex(checkpointA.path("root_hash").asText());
        Set<Long> indexes = new HashSet<>();
        for (int side = 0; side < 2; side++) {
            // Each receipt is proved by the instance that did not issue it.
            RunningPlatform other = side == 0 ? b : a;
            for (String id : issued.get(side)) {
                JsonNode receipt = RunningPlatform.body(other.get("/v1/receipts/" + id, a.platformKey()));
                JsonNode proof = RunningPlatform.body(other.get("/v1/log/inclusion?receipt_id=" + id, a.platformKey()));
                byte[] leaf = MerkleProofs.leafHash(
                        receipt.path("receipt_jwt").asText().getBytes(StandardCharsets.US_ASCII));
                assertThat(MerkleProofs.verifyInclusion(
                                leaf, proof.path("log_index").asLong(), 2L * each, hashes(proof), root))
                        .as(id)
                        .isTrue();
                indexes.add(proof.path("log_index").asLong());
            }
        }
        assertThat(indexes).hasSize(2 * each).allMatch(i -> i >= 0 && i < 2L * each);
        JsonNode consistency = RunningPlatform.body(b.get("/v1/log/consistency?first=" + each + "&second=" + 2 * each));
        assertThat(MerkleProofs.verifyConsistency(
                        each,
                        2L * each,
                        HexFormat.of()
                                .parseHex(consistency.path("first_root_hash").asText()),
                        root,
                        hashes(consistency)))
                .isTrue();
    }

    @Test
    void webhookDeliveries_bothInstancesPolling_eachAttemptedOnce() throws Exception {
        RunningPlatform a = instance("a");
        RunningPlatform b = instance("b");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            endpoint(a, a.platformKey(), receiver);
            int receipts = 30;

            atOnce(() -> issueReceipts(a, receipts / 2), () -> issueReceipts(b, receipts / 2));

            await(() -> receiver.received().size() >= receipts);
            // Long enough for a second instance's duplicate attempt to arrive, were there one.
            Thread.sleep(1500);
            List<String> ids = receiver.received().stream()
                    .map(r -> r.header("webhook-id"))
                    .toList();
            assertThat(ids).hasSize(receipts).doesNotHaveDuplicates();
        }
    }

    @Test
    void deliveryHeldByAnInstanceThatDies_anotherInstanceDeliversIt() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver().stallFirstRequest()) {
            // The instance that will die: its own process, holding deliveries for 11 s.
            PlatformProcess dying = PlatformProcess.start(
                    dir.resolve("a"),
                    dir.resolve("dying.txt"),
                    "--webhook-lease",
                    "11",
                    "--key-encryption-key-file",
                    sharedKeyEncryptionKey().toString());
            String platformKey = RunningPlatform.JSON
                    .readTree(
                            dir.resolve("a").resolve("sandbox-credentials.json").toFile())
                    .path("platform_key")
                    .asText();
            RunningPlatform viaDying = RunningPlatform.attach(dying.baseUrl());
            String deliveries = "/v1/webhook-deliveries?endpoint_id=" + endpoint(viaDying, platformKey, receiver);
            viaDying.json(
                    "POST",
                    "/v1/proof-of-training",
                    platformKey,
                    Receipts.proofJson("ds_sandbox_demo", "creator_42", "m"));
            await(() -> receiver.received().size() == 1);
            dying.kill(); // mid-attempt: the receiver never answered it

            RunningPlatform survivor = instance("b");
            await(() -> receiver.received().size() >= 2);

            List<WebhookReceiver.Received> requests = receiver.received();
            assertThat(requests.get(1).header("webhook-id"))
                    .isEqualTo(requests.get(0).header("webhook-id"));
            assertThat(requests.get(1).answeredWith()).isEqualTo(200);
            await(() -> statusOfOnlyDelivery(survivor, deliveries, platformKey).equals("succeeded"));
            JsonNode log =
                    RunningPlatform.body(survivor.get(deliveries, platformKey)).path("deliveries");
            assertThat(log).hasSize(1);
            assertThat(log.get(0).path("status").asText()).isEqualTo("succeeded");
        }
    }

    private static String statusOfOnlyDelivery(RunningPlatform platform, String deliveries, String key) {
        try {
            return RunningPlatform.body(platform.get(deliveries, key))
                    .path("deliveries")
                    .path(0)
                    .path("status")
                    .asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Subscribes the receiver to receipt.issued; returns the endpoint's id. */
    private static String endpoint(RunningPlatform platform, String key, WebhookReceiver receiver) throws Exception {
        HttpResponse<String> response = platform.json(
                "POST",
                "/v1/webhook-endpoints",
                key,
                "{\"url\":\"" + receiver.url() + "\",\"event_types\":[\"receipt.issued\"]}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return RunningPlatform.body(response).path("endpoint_id").asText();
    }

    private List<String> issueReceipts(RunningPlatform platform, int count) throws Exception {
        String platformKey = RunningPlatform.JSON
                .readTree(dir.resolve("a").resolve("sandbox-credentials.json").toFile())
                .path("platform_key")
                .asText();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HttpResponse<String> response = platform.json(
                    "POST",
                    "/v1/proof-of-training",
                    platformKey,
                    Receipts.proofJson("ds_sandbox_demo", "creator_42", "model-" + i));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            ids.add(RunningPlatform.body(response).path("receipt_id").asText());
        }
        return ids;
    }

    /** Waits up to 30 s for {@code condition}; the assertions after it say what was expected. */
    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private static List<byte[]> hashes(JsonNode proof) {
        List<byte[]> hashes = new ArrayList<>();
        for (JsonNode hash : proof.path("hashes")) {
            hashes.add(HexFormat.of().parseHex(hash.asText()));
        }
        return hashes;
    }
}
