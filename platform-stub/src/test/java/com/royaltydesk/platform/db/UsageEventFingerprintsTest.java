package com.royaltydesk.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.platform.PlatformConfig;
import com.royaltydesk.platform.core.EventFingerprint;
import com.royaltydesk.platform.testutil.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V12 on a database that already holds events (an installed platform upgraded): each stored event
 * gets its fingerprint, and the fingerprint becomes the key a resent event meets.
 */
class UsageEventFingerprintsTest {

    private static final int EVENTS = 2_500; // more than two of the migration's 1,000-row steps

    @TempDir
    Path dataDir;

    @Test
    void migrate_eventsStoredBefore_eachGetsItsFingerprint_andTheFingerprintIsTheDedupKey() throws Exception {
        PlatformConfig config = TestDatabase.adapt(new PlatformConfig("127.0.0.1", 0, dataDir, null, false));
        try (Database database = Database.open(config.jdbcUrl(), config.databaseLogin())) {
            try (Connection c = database.dataSource().getConnection()) {
                backToVersion11(c);
                insertEventsAsVersion11Did(c);
            }

            // To V16 only: V17 wants every event's receipt stored, and these events have none.
            Migrations.flyway(database.dataSource(), "16").migrate();

            try (Connection c = database.dataSource().getConnection();
                    Statement s = c.createStatement();
                    ResultSet rows = s.executeQuery(
                            "SELECT host_id, event_id, fingerprint_hi, fingerprint_lo FROM usage_events")) {
                int count = 0;
                while (rows.next()) {
                    EventFingerprint expected = EventFingerprint.of(rows.getString(1), rows.getString(2));
                    assertThat(rows.getLong(3)).as(rows.getString(2)).isEqualTo(expected.hi());
                    assertThat(rows.getLong(4)).as(rows.getString(2)).isEqualTo(expected.lo());
                    count++;
                }
                assertThat(count).isEqualTo(EVENTS);
            }
            try (Connection c = database.dataSource().getConnection()) {
                EventFingerprint taken = EventFingerprint.of("host_b", "evt-1");
                // V15 takes the key out of H2's file: there dedup is beside it (H2UsageStoreTest).
                assertThat(isUniqueViolation(c, "host_z", "evt-other", taken))
                        .as("another event with a stored event's fingerprint")
                        .isEqualTo(Dialect.of(config.jdbcUrl()) == Dialect.POSTGRESQL);
            }
        }
    }

    /** Undoes V12 and what came after it (V15 left H2 without the key already): the schema, and the history, as they were at V11. */
    private static void backToVersion11(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            LeanUsageEventsTest.undoVersion17(s);
            s.execute("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '16'");
            HeldEventsListedApartTest.undoVersion16(s);
            s.execute("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '15'");
            s.execute("DROP TABLE journal_marks");
            s.execute("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '14'");
            s.execute("DROP INDEX receipts_by_dataset");
            s.execute("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '13'");
            s.execute("DROP INDEX IF EXISTS usage_events_fingerprints"); // V15, on H2
            s.execute("ALTER TABLE usage_events DROP CONSTRAINT IF EXISTS usage_events_dedup");
            s.execute("ALTER TABLE usage_events DROP COLUMN fingerprint_hi");
            s.execute("ALTER TABLE usage_events DROP COLUMN fingerprint_lo");
            s.execute("ALTER TABLE usage_events ADD CONSTRAINT usage_events_dedup UNIQUE (host_id, event_id)");
            s.execute("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '12'");
        }
    }

    private static void insertEventsAsVersion11Did(Connection c) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO usage_events (host_id, event_id, batch_id, model_id, receipt_id, asset_id, creator_id,"
                        + " event_time, period, tokens, amount, units, currency, status, received_at)"
                        + " VALUES (?, ?, 'ubatch_1', 'model_1', 'rcpt_1', 'ast_1', 'cr_1', ?, '2026-11', 10, 0.001, 10,"
                        + " 'USD', 'accepted', ?)")) {
            Timestamp at = Timestamp.from(Instant.parse("2026-11-02T10:00:00Z"));
            for (int i = 0; i < EVENTS; i++) {
                insert.setString(1, i % 2 == 0 ? "host_a" : "host_b");
                insert.setString(2, "evt-" + i);
                insert.setTimestamp(3, at);
                insert.setTimestamp(4, at);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void insert(Connection c, String hostId, String eventId, EventFingerprint fingerprint)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO usage_events (host_id, event_id, batch_id, model_id, receipt_id, asset_id, creator_id,"
                        + " event_time, period, tokens, amount, units, currency, status, received_at,"
                        + " fingerprint_hi, fingerprint_lo)"
                        + " VALUES (?, ?, 'ubatch_2', 'model_1', 'rcpt_1', 'ast_1', 'cr_1', CURRENT_TIMESTAMP, '2026-11',"
                        + " 10, 0.001, 10, 'USD', 'accepted', CURRENT_TIMESTAMP, ?, ?)")) {
            insert.setString(1, hostId);
            insert.setString(2, eventId);
            insert.setLong(3, fingerprint.hi());
            insert.setLong(4, fingerprint.lo());
            insert.executeUpdate();
        }
    }

    private static boolean isUniqueViolation(Connection c, String hostId, String eventId, EventFingerprint f) {
        try {
            insert(c, hostId, eventId, f);
            return false;
        } catch (SQLException e) {
            return new DataAccessException(e).isConstraintViolation();
        }
    }
}
