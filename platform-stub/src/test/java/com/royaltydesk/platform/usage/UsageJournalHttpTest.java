package com.royaltydesk.platform.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.royaltydesk.platform.db.Database;
import com.royaltydesk.platform.testutil.DatabaseJournalMarks;
import com.royaltydesk.platform.testutil.Receipts;
import com.royaltydesk.platform.testutil.RunningPlatform;
import com.royaltydesk.platform.testutil.TestDatabase;
import com.royaltydesk.platform.testutil.Usage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On H2 an acknowledged batch is durable in the usage journal before H2 has written it. Here H2
 * is made to "lose" a batch the way a crash makes it — its file put back to an earlier state — and
 * the next start restores the batch from the journal, counted once.
 */
class UsageJournalHttpTest {

    @TempDir
    Path dataDir;

    private RunningPlatform platform;
    private String receipt;

    @BeforeEach
    void onlyOnH2() throws Exception {
        assumeFalse(TestDatabase.onPostgres(), "PostgreSQL is durable at commit: no usage journal there");
        platform = RunningPlatform.start(dataDir);
        receipt = Receipts.record(platform, "m").path("receipt_id").asText();
    }

    @AfterEach
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    private void ingest(String prefix, int count) throws Exception {
        JsonNode result = RunningPlatform.body(platform.json(
                "POST",
                "/v1/usage-events",
                platform.hostKey(),
                Usage.batch(prefix, count, "m", receipt, 3, Instant.now())));
        assertThat(result.path("accepted").asInt()).as(result.toString()).isEqualTo(count);
    }

    private long[] eventsAndTokens() throws Exception {
        JsonNode report = RunningPlatform.body(platform.get(
                "/v1/usage-report?creator_id=creator_42&period=" + Periods.of(Instant.now()), platform.platformKey()));
        long events = 0;
        long tokens = 0;
        for (JsonNode line : report.path("line_items")) {
            events += line.path("events").asLong();
            tokens += line.path("tokens").asLong();
        }
        return new long[] {events, tokens};
    }

    private void restart() {
        platform.close();
        platform = RunningPlatform.start(dataDir);
    }

    private Path mark() {
        return dataDir.resolve(UsageJournal.FOLDER).resolve(UsageJournal.APPLIED);
    }

    @Test
    void batchH2Lost_restoredFromTheJournalAtTheNextStart_countedOnce() throws Exception {
        ingest("a", 10);
        platform.close();
        platform = null;
        Path database = dataDir.resolve("royaltydesk.mv.db");
        Path before = dataDir.resolveSibling(dataDir.getFileName() + "-before.mv.db");
        Files.copy(database, before);
        String markBefore = Files.exists(mark()) ? Files.readString(mark()) : "0";
        platform = RunningPlatform.start(dataDir);
        ingest("b", 20);
        platform.close();
        platform = null;

        // What a crash does to H2: its file is as it was before batch b; the journal still has b.
        Files.copy(before, database, StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(mark(), markBefore);
        platform = RunningPlatform.start(dataDir);

        assertThat(eventsAndTokens()).containsExactly(30, 90);
        restart();
        assertThat(eventsAndTokens()).as("applied again: nothing counted twice").containsExactly(30, 90);
        // Sent again, b is all duplicates: the events are stored, not only counted.
        JsonNode again = RunningPlatform.body(platform.json(
                "POST", "/v1/usage-events", platform.hostKey(), Usage.batch("b", 20, "m", receipt, 3, Instant.now())));
        assertThat(again.path("duplicates").asInt()).isEqualTo(20);
    }

    @Test
    void everythingReplayedOverWhatH2Holds_changesNothing() throws Exception {
        ingest("c", 15);
        ingest("d", 5);
        platform.close();
        platform = null;
        DatabaseJournalMarks.forgetAll(dataDir);

        platform = RunningPlatform.start(dataDir);

        assertThat(eventsAndTokens()).containsExactly(20, 60);
    }

    /** A clean stop writes the table of seen events whole: the next start trusts it even after a reboot. */
    @Test
    void cleanStop_theTableOfSeenEventsWrittenWhole_trustedEvenOnAnotherBoot() throws Exception {
        ingest("t", 5);
        platform.close();
        platform = null;

        try (Database database = Database.open(Database.h2FileUrl(dataDir));
                Connection c = database.dataSource().getConnection()) {
            H2UsageStore anotherBoot = new H2UsageStore(dataDir, () -> Optional.of(UUID.randomUUID()));
            assertThat(anotherBoot.load(c)).isEqualTo(5);
            assertThat(anotherBoot.keptFromLastRun()).isTrue();
        }
    }

    /** The app stops a platform and its own shutdown stops it again: the second stop does nothing. */
    @Test
    void stoppedTwice_theSecondStopDoesNothing() throws Exception {
        ingest("g", 3);
        platform.server().close();

        assertThatCode(() -> platform.server().close()).doesNotThrowAnyException();
        platform = RunningPlatform.start(dataDir);
        assertThat(eventsAndTokens()).containsExactly(3, 9);
    }

    @Test
    void aStartMarksTheJournal_asFarAsTheFileItOpenedHoldsIt() throws Exception {
        ingest("e", 5);
        ingest("f", 5);
        platform.server().close();
        long held = DatabaseJournalMarks.heldThrough(dataDir, UsageJournal.FOLDER);
        assertThat(held).as("recorded in H2 at the clean stop").isGreaterThanOrEqualTo(2);
        Files.writeString(mark(), "0");

        platform = RunningPlatform.start(dataDir);

        assertThat(Long.parseLong(Files.readString(mark()).strip()))
                .as("the start read H2's mark before applying anything")
                .isEqualTo(held);
        assertThat(eventsAndTokens()).containsExactly(10, 30);
    }
}
