package com.royaltydesk.platform.receipts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.royaltydesk.platform.journal.MarkedJournal;
import com.royaltydesk.platform.testutil.DatabaseJournalMarks;
import com.royaltydesk.platform.testutil.Receipts;
import com.royaltydesk.platform.testutil.RunningPlatform;
import com.royaltydesk.platform.testutil.TestDatabase;
import com.royaltydesk.verify.ReceiptStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On H2 an issued receipt is durable in the receipt journal before H2 has written it. H2 is made
 * to "lose" receipts as a crash makes it — its file put back to an earlier state — and the next
 * start puts them back at their log indices, with their idempotency keys, and the log verifies.
 */
class ReceiptJournalHttpTest {

    @TempDir
    Path dataDir;

    @TempDir
    Path verifierState;

    private RunningPlatform platform;

    @BeforeEach
    void onlyOnH2() {
        assumeFalse(TestDatabase.onPostgres(), "PostgreSQL is durable at commit: no receipt journal there");
        platform = RunningPlatform.start(dataDir);
    }

    @AfterEach
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    private HttpResponse<String> issueWithKey(String idempotencyKey) throws Exception {
        return post("/v1/proof-of-training", idempotencyKey, Receipts.proofJson("ds_sandbox_demo", "creator_42", "m"));
    }

    /** H2's file and the receipt journal's mark as they were: what a crash can make H2 go back to. */
    private record H2State(Path fileCopy, String mark) {}

    private Path mark() {
        return dataDir.resolve(ReceiptJournal.FOLDER).resolve(MarkedJournal.APPLIED);
    }

    private H2State stopAndCopyH2() throws Exception {
        platform.close();
        platform = null;
        Path copy = dataDir.resolveSibling(dataDir.getFileName() + "-before.mv.db");
        Files.copy(dataDir.resolve("royaltydesk.mv.db"), copy);
        return new H2State(copy, Files.exists(mark()) ? Files.readString(mark()) : "0");
    }

    /** H2 "loses" everything since {@code before}; the journals keep it. */
    private void stopAndPutH2Back(H2State before) throws Exception {
        platform.close();
        platform = null;
        Files.copy(before.fileCopy(), dataDir.resolve("royaltydesk.mv.db"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(mark(), before.mark());
    }

    @Test
    void receiptsH2Lost_putBackAtTheirIndicesAtTheNextStart_logAndIdempotencyIntact() throws Exception {
        JsonNode first = Receipts.record(platform, "m");
        H2State before = stopAndCopyH2();
        platform = RunningPlatform.start(dataDir);
        JsonNode second = RunningPlatform.body(issueWithKey("key-lost"));
        JsonNode third = Receipts.record(platform, "m");
        stopAndPutH2Back(before);
        platform = RunningPlatform.start(dataDir);

        for (JsonNode receipt : new JsonNode[] {first, second, third}) {
            JsonNode stored = RunningPlatform.body(
                    platform.get("/v1/receipts/" + receipt.path("receipt_id").asText(), platform.platformKey()));
            assertThat(stored.path("log_index").asLong())
                    .isEqualTo(receipt.path("log_index").asLong());
            String receiptId = receipt.path("receipt_id").asText();
            assertThat(Receipts.bundleStatus(platform, verifierState, receiptId, platform.creator42Key()))
                    .as(receiptId)
                    .isEqualTo(ReceiptStatus.VERIFIED);
        }
        assertThat(platform.checkpointJson().path("tree_size").asLong()).isEqualTo(3);
        JsonNode again = RunningPlatform.body(issueWithKey("key-lost"));
        assertThat(again.path("receipt_id").asText())
                .isEqualTo(second.path("receipt_id").asText());
        JsonNode fourth = Receipts.record(platform, "m");
        assertThat(fourth.path("log_index").asLong()).isEqualTo(3);
    }

    @Test
    void aBatchH2Lost_putBackWhole_andItsIdempotencyKeyStillAnswersWithTheSameReceipts() throws Exception {
        String claims = "{\"claims\":[" + Receipts.proofJson("ds_sandbox_demo", "creator_42", "a") + ","
                + Receipts.proofJson("ds_sandbox_demo", "creator_42", "b") + "]}";
        Receipts.record(platform, "m");
        H2State before = stopAndCopyH2();
        platform = RunningPlatform.start(dataDir);
        HttpResponse<String> issued = post("/v1/proof-of-training/batch", "batch-lost", claims);
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        stopAndPutH2Back(before);
        platform = RunningPlatform.start(dataDir);

        assertThat(platform.checkpointJson().path("tree_size").asLong()).isEqualTo(3);
        HttpResponse<String> again = post("/v1/proof-of-training/batch", "batch-lost", claims);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(RunningPlatform.body(again).path("receipts"))
                .isEqualTo(RunningPlatform.body(issued).path("receipts"));
        // The same key on the single endpoint is another request: it is not the batch's record.
        JsonNode single = RunningPlatform.body(issueWithKey("batch-lost"));
        assertThat(single.path("log_index").asLong()).isEqualTo(3);
    }

    private HttpResponse<String> post(String path, String idempotencyKey, String body) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(platform.baseUrl() + path))
                                .header("Authorization", "Bearer " + platform.platformKey())
                                .header("Content-Type", "application/json")
                                .header("Idempotency-Key", idempotencyKey)
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everythingReplayedOverWhatH2Holds_changesNothing() throws Exception {
        Receipts.record(platform, "m");
        Receipts.record(platform, "m");
        platform.close();
        platform = null;
        DatabaseJournalMarks.forgetAll(dataDir);

        platform = RunningPlatform.start(dataDir);

        assertThat(platform.checkpointJson().path("tree_size").asLong()).isEqualTo(2);
        assertThat(Receipts.record(platform, "m").path("log_index").asLong()).isEqualTo(2);
    }
}
