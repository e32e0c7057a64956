package com.royaltydesk.platform.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.royaltydesk.verify.MerkleProofs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load generator for {@code POST /v1/proof-of-training} (or, with {@code --batch N}, for
 * {@code POST /v1/proof-of-training/batch} with N claims a request; latencies are then per
 * request) against the standalone platform jar (H2 file, 256 MB heap): receipts issued at peak,
 * then paced at half the peak's receipts a second ({@code --half-batch M} sends those M claims a
 * request: the latency a client asking for fewer receipts at a time sees under that load), then
 * every issued receipt checked the way a stranger would — its leaf hash computed here from the JWT
 * the client got, its inclusion proof in the log's current tree verified with the
 * receipt-verifier's RFC 9162 code against the checkpoint's root. Prints numbers; asserts nothing.
 * See BENCHMARKS.md.
 */
public final class ReceiptsBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;
    private final String platformKey;
    /** Every receipt acknowledged: id, log index and the JWT as the client received it. */
    private final List<Issued> issued = Collections.synchronizedList(new ArrayList<>());

    private record Issued(String receiptId, long logIndex, String jwt) {}

    private ReceiptsBenchmark(String base, String platformKey) {
        this.base = base;
        this.platformKey = platformKey;
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(BenchPlatform.arg(args, "--jar", "platform-stub/target/platform-stub.jar"));
        int threads = Integer.parseInt(BenchPlatform.arg(args, "--threads", "8"));
        int seconds = Integer.parseInt(BenchPlatform.arg(args, "--seconds", "15"));
        int batch = Integer.parseInt(BenchPlatform.arg(args, "--batch", "1"));
        int halfBatch = Integer.parseInt(BenchPlatform.arg(args, "--half-batch", Integer.toString(batch)));
        Path data = Files.createTempDirectory("rdk-receipts-bench");
        Process platform = BenchPlatform.start(jar, data, 0, null);
        try {
            String base = BenchPlatform.awaitUrl(data.resolve("stdout-0.txt"), platform);
            JsonNode credentials = JSON.readTree(
                    data.resolve("data-0/sandbox-credentials.json").toFile());
            ReceiptsBenchmark bench =
                    new ReceiptsBenchmark(base, credentials.path("platform_key").asText());
            System.out.printf(
                    "platform %s, H2 file, heap -Xmx256m, %d client threads on the same cores, %s%n",
                    base,
                    threads,
                    claimsPerRequest(batch)
                            + (halfBatch == batch ? "" : ", at half peak " + claimsPerRequest(halfBatch)));
            bench.run("warm-up", threads, 3, 0, batch);
            bench.issued.clear();
            double cpuBefore = BenchPlatform.cpuSeconds(platform.pid());
            BenchPlatform.Result peak = bench.run("receipts, peak", threads, seconds, 0, batch);
            double cpuUsed = BenchPlatform.cpuSeconds(platform.pid()) - cpuBefore;
            System.out.println(peak.toString("receipts"));
            System.out.printf(
                    "platform CPU at peak: %.1f s for %d receipts, %.3f ms a receipt%n",
                    cpuUsed, bench.issued.size(), cpuUsed * 1000 / bench.issued.size());
            BenchPlatform.Result half =
                    bench.run("receipts, paced at half peak", threads, seconds, peak.rate() / 2 / halfBatch, halfBatch);
            System.out.println(half.toString("receipts"));
            bench.checkEveryReceiptInTheLog(threads);
            System.out.println("platform peak resident memory: " + BenchPlatform.peakRss(platform.pid()));
            System.out.printf("database files on disk: %.1f MB%n", BenchPlatform.sizeOf(data.resolve("data-0")) / 1e6);
        } finally {
            platform.destroy();
            platform.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static String claimsPerRequest(int claims) {
        return claims == 1 ? "one receipt a request" : claims + " claims a batch request (latency per request)";
    }

    private BenchPlatform.Result run(String phase, int threads, int seconds, double requestsPerSecond, int batch)
            throws Exception {
        AtomicLong sentSoFar = new AtomicLong();
        return BenchPlatform.phase(phase, threads, seconds, requestsPerSecond, latency -> {
            long sent = System.nanoTime();
            HttpResponse<String> response = http.send(
                    request(batch == 1 ? "/v1/proof-of-training" : "/v1/proof-of-training/batch")
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body(sentSoFar.getAndAdd(batch), batch)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            latency.accept(System.nanoTime() - sent);
            if (response.statusCode() != 201) {
                throw new IllegalStateException("receipt answered " + response.statusCode() + ": " + response.body());
            }
            JsonNode body = JSON.readTree(response.body());
            for (JsonNode receipt : batch == 1 ? List.of(body) : toList(body.path("receipts"))) {
                issued.add(new Issued(
                        receipt.path("receipt_id").asText(),
                        receipt.path("log_index").asLong(),
                        receipt.path("receipt_jwt").asText()));
            }
            return batch;
        });
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private String body(long first, int batch) {
        if (batch == 1) {
            return claim(first);
        }
        StringBuilder claims = new StringBuilder("{\"claims\":[");
        for (int i = 0; i < batch; i++) {
            claims.append(i == 0 ? "" : ",").append(claim(first + i));
        }
        return claims.append("]}").toString();
    }

    /**
     * Every receipt acknowledged in the measured phases: a distinct log index, and an inclusion
     * proof in the current tree that verifies against the checkpoint's root for the leaf hash of
     * the JWT the client received.
     */
    private void checkEveryReceiptInTheLog(int threads) throws Exception {
        JsonNode checkpoint = get("/v1/log/checkpoint");
        long treeSize = checkpoint.path("tree_size").asLong();
        byte[] root = HexFormat.of().parseHex(checkpoint.path("root_hash").asText());
        long distinct = issued.stream().mapToLong(Issued::logIndex).distinct().count();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong verified = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        List<Future<?>> checks = new ArrayList<>();
        for (Issued receipt : List.copyOf(issued)) {
            checks.add(pool.submit(() -> {
                JsonNode proof = get("/v1/log/inclusion?receipt_id=" + receipt.receiptId() + "&tree_size=" + treeSize);
                List<byte[]> path = new ArrayList<>();
                proof.path("hashes").forEach(h -> path.add(HexFormat.of().parseHex(h.asText())));
                byte[] leaf = MerkleProofs.leafHash(receipt.jwt().getBytes(StandardCharsets.US_ASCII));
                boolean ok = proof.path("log_index").asLong() == receipt.logIndex()
                        && MerkleProofs.verifyInclusion(leaf, receipt.logIndex(), treeSize, path, root);
                (ok ? verified : failed).incrementAndGet();
                return null;
            }));
        }
        for (Future<?> check : checks) {
            check.get();
        }
        pool.shutdown();
        System.out.printf(
                "log check: tree size %d; %d receipts acknowledged, %d distinct log indexes; inclusion proofs"
                        + " verified %d, failed %d (%.1f s)%n",
                treeSize, issued.size(), distinct, verified.get(), failed.get(), (System.nanoTime() - start) / 1e9);
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + platformKey);
    }

    /** A claim for the sandbox's demo asset; the model varies so receipts are not all alike. */
    private static String claim(long n) {
        return "{\"dataset_id\":\"ds_sandbox_demo\",\"creator_id\":\"creator_42\",\"model_id\":\"bench-model-"
                + (n % 16) + "\",\"artifact_hash\":\"sha256:" + "cd".repeat(32)
                + "\",\"metadata\":{\"license\":\"cc-by-4.0\",\"portion_used\":0.5}}";
    }
}
