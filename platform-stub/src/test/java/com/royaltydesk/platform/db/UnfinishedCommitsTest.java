package com.royaltydesk.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.platform.PlatformConfig;
import com.royaltydesk.platform.testutil.Evidence;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file of src/test/resources/evidence whose last receipt's commit a kill -9 interrupted: H2
 * reopened it with that transaction still open — the log head at 212 entries, 211 receipts
 * visible, and every writer to those rows waiting for it. Opened by the platform, it is whole.
 */
class UnfinishedCommitsTest {

    @TempDir
    Path dataDir;

    @Test
    void commitACrashInterrupted_finishedOnOpen_receiptAndLogHeadAgree_rowsWritable() throws Exception {
        Evidence.unpackCommitLeftOpen(dataDir);

        try (Database database = Database.open(PlatformConfig.defaultJdbcUrl(dataDir));
                Connection c = database.dataSource().getConnection();
                Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT COUNT(*), MAX(log_index) + 1,"
                    + " (SELECT tree_size FROM receipt_log_head WHERE id = 1) FROM receipts")) {
                r.next();
                assertThat(r.getLong(1)).as("receipts").isEqualTo(212);
                assertThat(r.getLong(2)).as("next log index").isEqualTo(212);
                assertThat(r.getLong(3)).as("log head").isEqualTo(212);
            }
            s.execute("SET LOCK_TIMEOUT 2000");
            // Every row of the tables that transaction wrote can be written again.
            assertThat(s.executeUpdate("UPDATE receipts SET license = license")).isEqualTo(212);
            assertThat(s.executeUpdate("UPDATE receipt_log_head SET tree_size = tree_size"))
                    .isEqualTo(1);
            assertThat(s.executeUpdate("UPDATE usage_rollups SET events = events"))
                    .isPositive();
        }
    }
}
