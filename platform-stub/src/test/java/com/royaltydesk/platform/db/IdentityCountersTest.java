package com.royaltydesk.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.royaltydesk.platform.PlatformConfig;
import com.royaltydesk.platform.testutil.Receipts;
import com.royaltydesk.platform.testutil.RunningPlatform;
import com.royaltydesk.platform.testutil.TestDatabase;
import com.royaltydesk.platform.testutil.Usage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a kill, H2 once brought the usage events' identity counter back behind rows already
 * committed (crash round 119 of a 200-round run, decision 0017): the next insert hit the primary
 * key. The start after an unclean stop moves every counter past its rows.
 */
class IdentityCountersTest {

    @TempDir
    Path dir;

    /** Where the database's earlier state is kept: outside the data folder, and new for every run. */
    @TempDir
    Path elsewhere;

    private PlatformConfig config() {
        return new PlatformConfig(PlatformConfig.DEFAULT_HOST, 0, dir, null, true).withBackupEvery(Duration.ZERO);
    }

    @Test
    void counterBehindItsRowsAfterACrash_movedPastThem_theJournalReplaysAtStart() throws Exception {
        assumeFalse(TestDatabase.onPostgres(), "the H2 file is what a kill leaves behind");
        Path database = dir.resolve("royaltydesk.mv.db");
        Path before = elsewhere.resolve("before.mv.db");
        String receipt;
        try (RunningPlatform platform = RunningPlatform.start(config())) {
            receipt = Receipts.record(platform, "m").path("receipt_id").asText();
            platform.json(
                    "POST",
                    "/v1/usage-events",
                    platform.hostKey(),
                    Usage.batch("a", 10, "m", receipt, 1, Instant.now()));
        }
        Files.copy(database, before);
        try (RunningPlatform platform = RunningPlatform.start(config())) {
            platform.json(
                    "POST",
                    "/v1/usage-events",
                    platform.hostKey(),
                    Usage.batch("b", 5, "m", receipt, 1, Instant.now()));
        }
        // What the crash left: H2 without batch b (the journal has it), the counter back at the start.
        Files.copy(before, database, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (Connection c = DriverManager.getConnection(PlatformConfig.defaultJdbcUrl(dir), "", "")) {
            c.createStatement().execute("ALTER TABLE usage_events ALTER COLUMN seq RESTART WITH 1");
        }
        Files.writeString(dir.resolve("journal/usage/applied-through"), "0");
        Files.writeString(dir.resolve(H2FileCheck.RUNNING), "a platform killed while running leaves this");

        try (RunningPlatform platform = RunningPlatform.start(config())) {
            var report = RunningPlatform.body(platform.get(
                    "/v1/usage-report?creator_id=creator_42&period="
                            + com.royaltydesk.platform.usage.Periods.of(Instant.now()),
                    platform.platformKey()));
            assertThat(report.at("/line_items/0/events").asLong()).isEqualTo(15);
        }
    }
}
