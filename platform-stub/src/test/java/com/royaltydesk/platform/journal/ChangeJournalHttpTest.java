package com.royaltydesk.platform.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.royaltydesk.platform.testutil.DatabaseJournalMarks;
import com.royaltydesk.platform.testutil.Receipts;
import com.royaltydesk.platform.testutil.RunningPlatform;
import com.royaltydesk.platform.testutil.TestDatabase;
import com.royaltydesk.platform.testutil.Usage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Everything the platform acknowledges besides receipts and usage — a creator and their asset, a
 * signing-key rotation, a void, a settlement with its ledger and payout, a dispute — is in the
 * change journal before it is answered. Here H2 is made to lose all of it (its file put back to an
 * earlier state, as a crash or a rebuild from a backup does) and the next start must answer every
 * question exactly as before.
 */
class ChangeJournalHttpTest {

    private static final List<String> JOURNALS = List.of("journal/changes", "journal/receipts", "journal/usage");

    @TempDir
    Path dataDir;

    private RunningPlatform platform;
    private final Map<String, String> asked = new LinkedHashMap<>();

    @BeforeEach
    void onlyOnH2() {
        assumeFalse(TestDatabase.onPostgres(), "PostgreSQL is durable at commit: no change journal there");
    }

    @AfterEach
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    /** H2's file as it was after one receipt, the journals' marks then, and the answers after every kind of change. */
    private record Before(Path file, Map<String, String> marks, Map<String, String> answers) {}

    /** One receipt and a stop; H2's file and the marks kept; then every kind of change and a stop. */
    private Before everyKindOfChangeAfterACopyOfH2() throws Exception {
        platform = RunningPlatform.start(dataDir);
        String firstReceipt = Receipts.record(platform, "m").path("receipt_id").asText();
        platform.close();
        Path copy = Files.createTempFile(dataDir.getParent(), "before", ".mv.db");
        Files.copy(database(), copy, StandardCopyOption.REPLACE_EXISTING);
        Map<String, String> marks = marks();
        platform = RunningPlatform.start(dataDir);
        changeEverything(firstReceipt);
        Map<String, String> answers = answers();
        platform.close();
        return new Before(copy, marks, answers);
    }

    /** What a crash (or a rebuild from an older backup) does: H2 as it was, the journals as they are. */
    private void putBack(Path file, Map<String, String> marks) throws Exception {
        Files.copy(file, database(), StandardCopyOption.REPLACE_EXISTING);
        restoreMarks(marks);
    }

    private Path database() {
        return dataDir.resolve("royaltydesk.mv.db");
    }

    @Test
    void everyKindOfChange_lostByH2_restoredFromTheJournals_answersAsBefore() throws Exception {
        Before before = everyKindOfChangeAfterACopyOfH2();

        putBack(before.file(), before.marks());
        platform = RunningPlatform.start(dataDir);

        assertThat(answers()).isEqualTo(before.answers());
        // Rows came back with their numbers: new rows must not be handed the same ones.
        Receipts.forNewCreator(platform, "after-the-restore", "{\"type\":\"per_use\",\"rate\":0.0002}", "m2");
        platform.close();
        platform = RunningPlatform.start(dataDir);
        assertThat(answers()).as("a second start changes nothing").isEqualTo(before.answers());
    }

    /**
     * Crash run seed 46, round 419: a start put back what H2 had lost, checkpointed, served and was
     * killed; H2 came back exactly as that start had opened it, without what it put back. The next
     * start must put it all back again — a mark that trusted the checkpoint left a hole in the log.
     */
    @Test
    void whatAStartPutBack_lostByH2WithAllAfterIt_isPutBackAgain() throws Exception {
        Before before = everyKindOfChangeAfterACopyOfH2();
        putBack(before.file(), before.marks());

        // This start puts everything back from the journals; then it serves, and is killed.
        platform = RunningPlatform.start(dataDir);
        Map<String, String> marksWhileServing = marks();
        long servedLater = Receipts.record(platform, "m").path("log_index").asLong();
        platform.close();
        putBack(before.file(), marksWhileServing);
        platform = RunningPlatform.start(dataDir);

        assertThat(answers()).isEqualTo(before.answers());
        assertThat(platform.checkpointJson().path("tree_size").asLong())
                .as("every receipt in the log, none missing below the last")
                .isEqualTo(servedLater + 1);
    }

    @Test
    void everyRecordReplayedOverWhatH2Holds_changesNothing() throws Exception {
        platform = RunningPlatform.start(dataDir);
        changeEverything(Receipts.record(platform, "m").path("receipt_id").asText());
        Map<String, String> answers = answers();
        platform.close();
        DatabaseJournalMarks.forgetAll(dataDir);

        platform = RunningPlatform.start(dataDir);

        assertThat(answers()).isEqualTo(answers);
    }

    /** One of each kind of write, remembering what to ask about afterwards. */
    private void changeEverything(String firstReceipt) throws Exception {
        YearMonth current = YearMonth.now(ZoneOffset.UTC);
        String lastMonth = current.minusMonths(1).toString();
        Instant inLastMonth =
                current.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().minus(Duration.ofHours(1));
        Receipts.CreatorReceipt other =
                Receipts.forNewCreator(platform, "change-journal", "{\"type\":\"per_use\",\"rate\":0.0002}", "m2");
        HttpResponse<String> rotated =
                platform.json("POST", "/v1/admin/signing-keys/rotate", platform.platformKey(), null);
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(201);
        String signedByTheNewKey =
                Receipts.record(platform, "m").path("receipt_id").asText();
        ingest(Usage.batch("last-month", 3, "m", signedByTheNewKey, 20_000, inLastMonth));
        ingest(Usage.batch("other", 2, "m2", other.receiptId(), 5_000, inLastMonth));
        ingest(Usage.batch("now", 2, "m", firstReceipt, 1_000, Instant.now()));
        HttpResponse<String> voided = platform.json(
                "POST",
                "/v1/usage-events/void",
                platform.platformKey(),
                "{\"host_id\":\"host_sandbox\",\"event_id\":\"now-0\",\"reason\":\"sent twice by the host\"}");
        assertThat(voided.statusCode()).as(voided.body()).isEqualTo(201);
        HttpResponse<String> settled =
                platform.json("POST", "/v1/settlements", platform.platformKey(), "{\"period\":\"" + lastMonth + "\"}");
        assertThat(settled.statusCode()).as(settled.body()).isIn(200, 201);
        String settlementId =
                RunningPlatform.body(settled).path("settlement_id").asText();
        HttpResponse<String> disputed = platform.json(
                "POST",
                "/v1/disputes",
                platform.creator42Key(),
                "{\"receipt_id\":\"" + firstReceipt + "\",\"reason\":\"usage under-reported\"}");
        assertThat(disputed.statusCode()).as(disputed.body()).isEqualTo(201);
        String disputeId = RunningPlatform.body(disputed).path("dispute_id").asText();

        asked.put("/v1/creators/me", other.creatorKey());
        asked.put("/v1/assets", other.creatorKey());
        asked.put("/.well-known/jwks.json", null);
        asked.put("/v1/receipts/" + signedByTheNewKey, platform.platformKey());
        asked.put("/v1/settlements/" + settlementId, platform.platformKey());
        asked.put("/v1/payouts", platform.platformKey());
        asked.put("/v1/statements?period=" + lastMonth, platform.creator42Key());
        asked.put("/v1/disputes/" + disputeId, platform.creator42Key());
        asked.put("/v1/usage-report?creator_id=creator_42&period=" + current, platform.platformKey());
        asked.put("/v1/usage-report?creator_id=" + other.creatorId() + "&period=" + lastMonth, platform.platformKey());
    }

    private void ingest(String batch) throws Exception {
        JsonNode result = RunningPlatform.body(platform.json("POST", "/v1/usage-events", platform.hostKey(), batch));
        assertThat(result.path("rejected").size()).as(result.toString()).isZero();
    }

    /** Every answer, status and body, to the questions {@link #changeEverything} left. */
    private Map<String, String> answers() throws Exception {
        Map<String, String> answers = new LinkedHashMap<>();
        for (Map.Entry<String, String> question : asked.entrySet()) {
            HttpResponse<String> response = question.getValue() == null
                    ? platform.get(question.getKey())
                    : platform.get(question.getKey(), question.getValue());
            // Each start has its own port, which upload URLs name.
            answers.put(
                    question.getKey(),
                    response.statusCode() + " " + response.body().replace(platform.baseUrl(), "{platform}"));
        }
        return answers;
    }

    private Map<String, String> marks() throws Exception {
        Map<String, String> marks = new LinkedHashMap<>();
        for (String journal : JOURNALS) {
            Path mark = dataDir.resolve(journal).resolve(MarkedJournal.APPLIED);
            marks.put(journal, Files.exists(mark) ? Files.readString(mark) : "0");
        }
        return marks;
    }

    private void restoreMarks(Map<String, String> marks) throws Exception {
        for (Map.Entry<String, String> mark : marks.entrySet()) {
            Files.writeString(dataDir.resolve(mark.getKey()).resolve(MarkedJournal.APPLIED), mark.getValue());
        }
    }
}
