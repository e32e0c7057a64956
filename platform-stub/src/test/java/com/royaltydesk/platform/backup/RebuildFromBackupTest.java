package com.royaltydesk.platform.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.royaltydesk.platform.PlatformConfig;
import com.royaltydesk.platform.db.UnopenableDatabase;
import com.royaltydesk.platform.journal.JournalsFromTheStart;
import com.royaltydesk.platform.receipts.ReceiptJournal;
import com.royaltydesk.platform.testutil.DatabaseJournalMarks;
import com.royaltydesk.platform.testutil.Evidence;
import com.royaltydesk.platform.testutil.H2Damage;
import com.royaltydesk.platform.testutil.Receipts;
import com.royaltydesk.platform.testutil.RunningPlatform;
import com.royaltydesk.platform.testutil.TestDatabase;
import com.royaltydesk.platform.testutil.Usage;
import com.royaltydesk.platform.usage.Periods;
import com.royaltydesk.verify.ReceiptStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged H2 file — the very one kill -9 left unopenable (src/test/resources/evidence) — put in
 * place of a platform's database: the platform moves it aside, rebuilds from the newest backup and
 * the journals, checks the receipt log, and starts with every acknowledged receipt and event.
 */
class RebuildFromBackupTest {

    @TempDir
    Path dir;

    private RunningPlatform platform;

    @BeforeEach
    void onlyOnH2() {
        assumeFalse(TestDatabase.onPostgres(), "the H2 file is what gets damaged");
    }

    @AfterEach
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    private RunningPlatform start() {
        // Always this folder's own H2 file; no automatic backup gets in the way of the one the test makes.
        return RunningPlatform.start(new PlatformConfig(PlatformConfig.DEFAULT_HOST, 0, dir, null, true)
                .withBackupEvery(java.time.Duration.ZERO));
    }

    private void backup() throws Exception {
        var response = platform.json("POST", "/v1/admin/backups", platform.platformKey(), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private void damageTheDatabase() throws Exception {
        Files.delete(dir.resolve("royaltydesk.mv.db"));
        Evidence.unpackDamagedH2(dir);
    }

    private long eventsThisMonth(RunningPlatform p, String key) throws Exception {
        JsonNode report = RunningPlatform.body(
                p.get("/v1/usage-report?creator_id=creator_42&period=" + Periods.of(Instant.now()), key));
        return report.at("/line_items/0/events").asLong();
    }

    private List<Path> movedAside() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("royaltydesk.mv.db.unopenable-"))
                    .toList();
        }
    }

    @Test
    void damagedFile_rebuiltFromBackupAndJournals_everyAcknowledgedReceiptAndEventBack() throws Exception {
        platform = start();
        String key = platform.platformKey();
        String first = Receipts.record(platform, "m").path("receipt_id").asText();
        platform.json(
                "POST", "/v1/usage-events", platform.hostKey(), Usage.batch("a", 10, "m", first, 1, Instant.now()));
        backup();
        // After the backup: only the journals hold these.
        List<JsonNode> later = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            later.add(Receipts.record(platform, "m"));
        }
        platform.json(
                "POST", "/v1/usage-events", platform.hostKey(), Usage.batch("b", 7, "m", first, 1, Instant.now()));
        // A creator, their asset and its receipt: the change journal holds the first two.
        Receipts.CreatorReceipt newcomer =
                Receipts.forNewCreator(platform, "after-the-backup", "{\"type\":\"per_use\",\"rate\":0.0003}", "m");
        String newcomersAssets =
                platform.get("/v1/assets", newcomer.creatorKey()).body();
        long checkpointSize = platform.checkpointJson().path("tree_size").asLong();
        platform.close();
        platform = null;
        damageTheDatabase();

        platform = start();

        String words = platform.server().rebuilt().orElseThrow();
        assertThat(words)
                .contains("could not be used as it was", "StackOverflowError", "rebuilt from the backup of")
                .contains("4 receipts, 7 usage events and ")
                .contains("other changes (assets, keys, settlements");
        assertThat(movedAside()).hasSize(1);
        assertThat(words).contains(movedAside().get(0).toString());
        assertThat(eventsThisMonth(platform, key)).isEqualTo(17);
        for (JsonNode receipt : later) {
            assertThat(platform.get("/v1/receipts/" + receipt.path("receipt_id").asText(), key)
                            .statusCode())
                    .isEqualTo(200);
            assertThat(Receipts.verify(platform, receipt.path("receipt_jwt").asText())
                            .status())
                    .isEqualTo(ReceiptStatus.VERIFIED);
        }
        assertThat(platform.checkpointJson().path("tree_size").asLong()).isEqualTo(checkpointSize);
        assertThat(platform.get("/v1/assets", newcomer.creatorKey())
                        .body()
                        .replaceAll("127\\.0\\.0\\.1:\\d+", "{platform}"))
                .as("the creator's key and asset came back from the change journal")
                .isEqualTo(newcomersAssets.replaceAll("127\\.0\\.0\\.1:\\d+", "{platform}"));
        // The next start is an ordinary one.
        platform.close();
        platform = start();
        assertThat(platform.server().rebuilt()).isEmpty();
        assertThat(eventsThisMonth(platform, key)).isEqualTo(17);
    }

    @Test
    void journalsNoLongerHoldWhatTheBackupLacks_refusedInWords_nothingDeleted() throws Exception {
        platform = start();
        Receipts.record(platform, "m");
        backup();
        Receipts.record(platform, "m");
        platform.close();
        platform = null;
        // As if the records after the backup had been dropped: the journal now starts after them.
        Path receipts = dir.resolve(ReceiptJournal.FOLDER);
        try (Stream<Path> segments = Files.list(receipts)) {
            for (Path segment :
                    segments.filter(f -> f.toString().endsWith(".rdj")).toList()) {
                Files.move(segment, receipts.resolve("000000000000000000099.rdj.moved"));
            }
        }
        Files.writeString(receipts.resolve("00000000000000000100.rdj"), "");
        damageTheDatabase();

        assertThatThrownBy(this::start)
                .hasMessageContaining("could not be opened")
                .hasMessageContaining("no backup")
                .hasMessageContaining("nothing was deleted");
        assertThat(movedAside()).hasSize(1);
        assertThat(dir.resolve(UnopenableDatabase.NOTE)).exists();
    }

    @Test
    void noBackupYet_journalsFromTheFirstStart_rebuiltFromThemAlone() throws Exception {
        platform = start();
        String key = platform.platformKey();
        String first = Receipts.record(platform, "m").path("receipt_id").asText();
        platform.json(
                "POST", "/v1/usage-events", platform.hostKey(), Usage.batch("a", 12, "m", first, 1, Instant.now()));
        Receipts.CreatorReceipt newcomer =
                Receipts.forNewCreator(platform, "no-backup-yet", "{\"type\":\"per_use\",\"rate\":0.0003}", "m");
        String newcomersAssets =
                withoutPort(platform.get("/v1/assets", newcomer.creatorKey()).body());
        long checkpointSize = platform.checkpointJson().path("tree_size").asLong();
        platform.close();
        platform = null;
        assertThat(dir.resolve("backups")).doesNotExist();
        damageTheDatabase();

        platform = start();

        assertThat(platform.server().rebuilt().orElseThrow())
                .contains("rebuilt from the journals alone")
                .contains("2 receipts, 12 usage events and ");
        assertThat(eventsThisMonth(platform, key)).isEqualTo(12);
        assertThat(withoutPort(platform.get("/v1/assets", newcomer.creatorKey()).body()))
                .isEqualTo(newcomersAssets);
        assertThat(platform.get("/v1/receipts/" + newcomer.receiptId(), key).statusCode())
                .isEqualTo(200);
        assertThat(platform.checkpointJson().path("tree_size").asLong()).isEqualTo(checkpointSize);
        platform.close();
        platform = start();
        assertThat(platform.server().rebuilt()).isEmpty();
        assertThat(eventsThisMonth(platform, key)).isEqualTo(12);
    }

    @Test
    void noBackup_journalsNotFromTheFirstStart_refusedAsBefore() throws Exception {
        platform = start();
        Receipts.record(platform, "m");
        platform.close();
        platform = null;
        // A data folder from before the change journal: its journals began after its database.
        Files.delete(dir.resolve(JournalsFromTheStart.NOTE));
        damageTheDatabase();

        assertThatThrownBy(this::start)
                .hasMessageContaining("There is no backup in")
                .hasMessageContaining("do not reach back to the first start");
        assertThat(dir.resolve(UnopenableDatabase.NOTE)).exists();
    }

    /**
     * Damage the open does not see: after a kill, the start's whole-file read passed, then the
     * change journal's first creator update met an index entry whose row was gone from its table
     * (session 12's crash run, round 39). The start treats it as a damaged file: moved aside and
     * rebuilt, where it used to fail every start.
     */
    @Test
    void aRowGoneFromItsTable_metWhileTheJournalsAreApplied_fileMovedAsideAndRebuilt() throws Exception {
        platform = start();
        String key = platform.platformKey();
        Receipts.CreatorReceipt newcomer =
                Receipts.forNewCreator(platform, "row-gone", "{\"type\":\"per_use\",\"rate\":0.0003}", "m");
        String newcomersAssets =
                withoutPort(platform.get("/v1/assets", newcomer.creatorKey()).body());
        platform.close();
        platform = null;
        // As after a kill: the journals are applied again from their first record.
        DatabaseJournalMarks.forgetAll(dir);
        H2Damage.removeRowKeepingItsIndexEntries(dir, "creators", "creator_id", newcomer.creatorId());

        platform = start();

        assertThat(platform.server().rebuilt().orElseThrow())
                .contains("rebuilt from the journals alone")
                .contains("Row \"")
                .contains("not found in primary index \"public.creators_DATA\"");
        assertThat(movedAside()).hasSize(1);
        assertThat(withoutPort(platform.get("/v1/assets", newcomer.creatorKey()).body()))
                .isEqualTo(newcomersAssets);
        assertThat(platform.get("/v1/receipts/" + newcomer.receiptId(), key).statusCode())
                .isEqualTo(200);
    }

    /**
     * Crash run seed 46: a start served a receipt log with a hole (a receipt gone, the ones after it
     * there) and failed on the first checkpoint request. A start now checks the log once the
     * journals are applied; a hole is damage: the file is moved aside and rebuilt.
     */
    @Test
    void aReceiptGoneFromTheLog_theStartRebuildsInsteadOfServingAHole() throws Exception {
        platform = start();
        List<String> receipts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            receipts.add(Receipts.record(platform, "m").path("receipt_id").asText());
        }
        String key = platform.platformKey();
        platform.close();
        platform = null;
        try (var c = java.sql.DriverManager.getConnection(PlatformConfig.defaultJdbcUrl(dir), "", "");
                var s = c.createStatement()) {
            assertThat(s.executeUpdate("DELETE FROM receipts WHERE log_index = 1"))
                    .isEqualTo(1);
        }

        platform = start();

        assertThat(platform.server().rebuilt().orElseThrow())
                .contains("rebuilt from the journals alone")
                .contains("receipts are missing from the log");
        assertThat(movedAside()).hasSize(1);
        assertThat(platform.checkpointJson().path("tree_size").asLong()).isEqualTo(3);
        for (String receipt : receipts) {
            assertThat(platform.get("/v1/receipts/" + receipt, key).statusCode())
                    .as(receipt)
                    .isEqualTo(200);
        }
    }

    private static String withoutPort(String body) {
        return body.replaceAll("127\\.0\\.0\\.1:\\d+", "{platform}");
    }
}
