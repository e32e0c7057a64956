package com.royaltydesk.platform.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.royaltydesk.platform.testutil.Folders;
import com.royaltydesk.platform.testutil.PlatformProcess;
import com.royaltydesk.platform.testutil.RunningPlatform;
import com.royaltydesk.platform.testutil.Usage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the standalone platform as its own process, ingests, kills it with SIGKILL at random
 * moments, restarts it, and proves that every acknowledged event survived and nothing counted
 * twice. Rounds: {@code -Dcrash.rounds} (default 8).
 */
class CrashRecoveryTest {

    private static final int ROUNDS = Integer.getInteger("crash.rounds", 8);
    private static final int BATCH = 200;

    @TempDir
    Path dir;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void killDashNine_atRandomMoments_noAcknowledgedEventLostNoneCountedTwice() throws Exception {
        Random random = new Random(ROUNDS * 7919L);
        Path data = dir.resolve("data");
        Set<String> acknowledged = new LinkedHashSet<>();
        Set<String> attempted = new LinkedHashSet<>();
        List<String> unacknowledged = new ArrayList<>();
        String receipt = null;
        int next = 0;
        for (int round = 0; round < ROUNDS; round++) {
            PlatformProcess platform = PlatformProcess.start(data, dir.resolve("out-" + round + ".txt"));
            String base = platform.baseUrl();
            String hostKey = credentials(data).path("host_key").asText();
            if (receipt == null) {
                receipt = recordReceipt(
                        base, credentials(data).path("platform_key").asText());
            }
            // Everything acknowledged before a crash is still there: resending it is all duplicates.
            if (!acknowledged.isEmpty()) {
                assertThat(resend(base, hostKey, acknowledged, receipt))
                        .as("round %d: acknowledged events lost", round)
                        .isZero();
            }
            long killAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100 + random.nextInt(600));
            while (System.nanoTime() < killAt) {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < BATCH; i++) {
                    ids.add("ev-" + next++);
                }
                attempted.addAll(ids);
                try {
                    JsonNode result = send(base, hostKey, batchOf(ids, receipt));
                    if (result.path("accepted").asInt()
                                    + result.path("duplicates").asInt()
                            == ids.size()) {
                        acknowledged.addAll(ids);
                    } else {
                        unacknowledged.add("round " + round + " " + ids.get(0) + "…: " + result);
                    }
                } catch (IOException e) {
                    unacknowledged.add("round " + round + " " + ids.get(0) + "…: " + e.getMessage());
                    break;
                }
            }
            platform.kill();
        }
        PlatformProcess platform = PlatformProcess.start(data, dir.resolve("out-final.txt"));
        try {
            String base = platform.baseUrl();
            String hostKey = credentials(data).path("host_key").asText();
            assertThat(resend(base, hostKey, acknowledged, receipt))
                    .as("acknowledged events lost")
                    .isZero();
            // Events whose answer was lost in a crash may or may not be stored; sent again, each counts once.
            Tally last = new Tally();
            resend(base, hostKey, attempted, receipt, last);
            JsonNode preview = get(
                    base + "/v1/billing-preview?creator_id=creator_42",
                    credentials(data).path("platform_key").asText());
            long tokens = 0;
            for (JsonNode asset : preview.path("by_asset")) {
                tokens += asset.path("tokens").asLong();
            }
            assertThat(acknowledged).isNotEmpty();
            if (tokens != attempted.size()) {
                Path kept = keepEvidence();
                throw new AssertionError("each event has 1 token: counted exactly once — counted " + tokens + " for "
                        + attempted.size() + " sent (" + acknowledged.size() + " acknowledged). Sent all again at the"
                        + " end: " + last + ". Unacknowledged batches by round: " + unacknowledged
                        + ". The data folder and every round's output kept at " + kept);
            }
        } finally {
            platform.kill();
        }
    }

    /** Sends the ids again in batches of 1,000; returns how many were newly accepted. */
    private int resend(String base, String hostKey, Set<String> ids, String receipt) throws Exception {
        Tally tally = new Tally();
        resend(base, hostKey, ids, receipt, tally);
        return tally.accepted;
    }

    private void resend(String base, String hostKey, Set<String> ids, String receipt, Tally tally) throws Exception {
        List<String> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += 1000) {
            tally.add(send(base, hostKey, batchOf(all.subList(from, Math.min(all.size(), from + 1000)), receipt)));
        }
    }

    /** What the answers to a resend said, summed: what a failure needs to say where the events went. */
    private static final class Tally {
        int accepted;
        int duplicates;
        int held;
        final List<String> rejected = new ArrayList<>();

        void add(JsonNode answer) {
            accepted += answer.path("accepted").asInt();
            duplicates += answer.path("duplicates").asInt();
            held += answer.path("held").asInt();
            answer.path("rejected")
                    .forEach(r -> rejected.add(
                            r.path("event_id").asText() + " " + r.path("code").asText()));
        }

        @Override
        public String toString() {
            return "accepted " + accepted + ", duplicates " + duplicates + ", held " + held + ", rejected " + rejected;
        }
    }

    /** Copies the data folder and the rounds' output out of the temporary folder JUnit deletes. */
    private Path keepEvidence() throws IOException {
        Path kept = Path.of("target", "crash-evidence", "CrashRecoveryTest-" + System.currentTimeMillis());
        Folders.copy(dir, kept);
        return kept.toAbsolutePath();
    }

    private String batchOf(List<String> ids, String receipt) {
        ArrayNode events = RunningPlatform.JSON.createArrayNode();
        Instant now = Instant.now();
        for (String id : ids) {
            events.add(Usage.event(id, "crash-model", receipt, 1, now));
        }
        return Usage.wrap(events);
    }

    private static JsonNode credentials(Path data) throws IOException {
        return RunningPlatform.JSON.readTree(
                data.resolve("sandbox-credentials.json").toFile());
    }

    private String recordReceipt(String base, String platformKey) throws Exception {
        String body =
                com.royaltydesk.platform.testutil.Receipts.proofJson("ds_sandbox_demo", "creator_42", "crash-model");
        return post(base + "/v1/proof-of-training", platformKey, body)
                .path("receipt_id")
                .asText();
    }

    private JsonNode send(String base, String hostKey, String body) throws IOException, InterruptedException {
        JsonNode result = post(base + "/v1/usage-events", hostKey, body);
        if (!result.has("accepted")) {
            throw new IOException("not an ingestion answer: " + result);
        }
        return result;
    }

    private JsonNode post(String url, String key, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return RunningPlatform.JSON.readTree(response.body());
    }

    private JsonNode get(String url, String key) throws IOException, InterruptedException {
        return RunningPlatform.JSON.readTree(http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Authorization", "Bearer " + key)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
    }
}
