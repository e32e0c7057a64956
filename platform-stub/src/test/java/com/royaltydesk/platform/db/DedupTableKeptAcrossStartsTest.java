package com.royaltydesk.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.platform.PlatformConfig;
import com.royaltydesk.platform.testutil.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V18 on each engine: H2 loses the index a start read its fingerprints from and gains the row that
 * names the table kept beside it (decision 0029); PostgreSQL keeps its unique key and gains nothing.
 */
class DedupTableKeptAcrossStartsTest {

    @TempDir
    Path dataDir;

    @Test
    void migrated_h2WithoutTheFingerprintsIndex_withTheLineageTable_postgresAsBefore() throws Exception {
        PlatformConfig config = TestDatabase.adapt(new PlatformConfig("127.0.0.1", 0, dataDir, null, false));
        boolean h2 = Dialect.of(config.jdbcUrl()) == Dialect.H2;
        try (Database database = Database.open(config.jdbcUrl(), config.databaseLogin());
                Connection c = database.dataSource().getConnection();
                Statement s = c.createStatement()) {
            assertThat(count(
                            s,
                            "SELECT COUNT(*) FROM information_schema.tables WHERE LOWER(table_name) = '"
                                    + DedupTableKeptAcrossStarts.LINEAGE_TABLE + "'"))
                    .isEqualTo(h2 ? 1 : 0);
            if (h2) {
                assertThat(count(
                                s,
                                "SELECT COUNT(*) FROM information_schema.indexes"
                                        + " WHERE LOWER(index_name) = 'usage_events_fingerprints'"))
                        .isZero();
            } else {
                assertThat(count(
                                s,
                                "SELECT COUNT(*) FROM information_schema.table_constraints"
                                        + " WHERE constraint_name = 'usage_events_dedup'"))
                        .as("several instances still share dedup through the key")
                        .isEqualTo(1);
            }
        }
    }

    /** The schema and its history as V17 left them (other migrations' tests go back further from there). */
    static void undoVersion18(Statement s) throws SQLException {
        PagesTrustedAfterAKillTest.undoVersion19(s);
        s.execute("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '18'");
        if (Dialect.of(s.getConnection().getMetaData().getURL()) == Dialect.H2) {
            s.execute("DROP TABLE " + DedupTableKeptAcrossStarts.LINEAGE_TABLE);
            s.execute("CREATE INDEX usage_events_fingerprints ON usage_events (seq, fingerprint_hi)");
        }
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
