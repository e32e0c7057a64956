package com.royaltydesk.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.platform.PlatformConfig;
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
 * V16 on a database that already holds events (an installed platform upgraded): its held events are
 * listed in {@code usage_held}, the others are not, and the events' two secondary indexes are gone.
 */
class HeldEventsListedApartTest {

    @TempDir
    Path dataDir;

    @Test
    void migrate_heldEventsStoredBefore_listedApart_acceptedOnesNot() throws Exception {
        PlatformConfig config = TestDatabase.adapt(new PlatformConfig("127.0.0.1", 0, dataDir, null, false));
        try (Database database = Database.open(config.jdbcUrl(), config.databaseLogin())) {
            try (Connection c = database.dataSource().getConnection();
                    Statement s = c.createStatement()) {
                LeanUsageEventsTest.undoVersion17(s);
                s.execute("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '16'");
                undoVersion16(s);
                insertEvent(c, "evt-held", "held", "cr_held");
                insertEvent(c, "evt-accepted", "accepted", "cr_other");
            }

            // To V16 only: V17 wants every event's receipt stored, and these events have none.
            Migrations.flyway(database.dataSource(), "16").migrate();

            try (Connection c = database.dataSource().getConnection();
                    ResultSet rows = c.createStatement()
                            .executeQuery("SELECT h.batch_id, h.creator_id, e.event_id FROM usage_held h"
                                    + " JOIN usage_events e ON e.seq = h.seq")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("ubatch_v15");
                assertThat(rows.getString(2)).isEqualTo("cr_held");
                assertThat(rows.getString(3)).isEqualTo("evt-held");
                assertThat(rows.next()).as("only the held event").isFalse();
            }
        }
    }

    /** The schema as V15 left it: no list of held events, the events' two secondary indexes. */
    static void undoVersion16(Statement s) throws SQLException {
        s.execute("DROP TABLE usage_held");
        s.execute("CREATE INDEX usage_events_by_batch ON usage_events (batch_id)");
        s.execute("CREATE INDEX usage_events_by_status ON usage_events (status, seq)");
    }

    private static void insertEvent(Connection c, String eventId, String status, String creatorId) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO usage_events (host_id, event_id, batch_id, model_id, receipt_id, asset_id, creator_id,"
                        + " event_time, period, tokens, amount, units, currency, status, received_at,"
                        + " fingerprint_hi, fingerprint_lo)"
                        + " VALUES ('host_a', ?, 'ubatch_v15', 'model_1', 'rcpt_1', 'ast_1', ?, ?, '2026-11', 10, 0.001,"
                        + " 10, 'USD', ?, ?, ?, 7)")) {
            Timestamp at = Timestamp.from(Instant.parse("2026-11-02T10:00:00Z"));
            insert.setString(1, eventId);
            insert.setString(2, creatorId);
            insert.setTimestamp(3, at);
            insert.setString(4, status);
            insert.setTimestamp(5, at);
            insert.setLong(6, eventId.hashCode());
            insert.executeUpdate();
        }
    }
}
