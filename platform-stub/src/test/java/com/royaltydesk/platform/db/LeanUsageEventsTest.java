package com.royaltydesk.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.royaltydesk.platform.PlatformConfig;
import com.royaltydesk.platform.testutil.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V17 on a database that already holds events (an installed platform upgraded): each batch's facts
 * move to one {@code usage_batches} row its events name, the facts their receipts hold leave the
 * events — and a database whose events disagree with their receipts or their times is refused
 * before anything is dropped.
 */
class LeanUsageEventsTest {

    private static final Instant NOV_2 = Instant.parse("2026-11-02T10:00:00Z");
    private static final Instant DEC_1 = Instant.parse("2026-12-01T00:00:05Z");

    @TempDir
    Path dataDir;

    @Test
    void start_eventsStoredBefore_batchFactsInOneRowEach_receiptFactsLeaveTheEvents() throws Exception {
        storedByVersion16(
                new OldEvent("evt-1", "host_a", "ubatch_1", "cr_1", NOV_2, "2026-11"),
                new OldEvent("evt-2", "host_a", "ubatch_1", "cr_1", NOV_2, "2026-11"),
                new OldEvent("evt-1", "host_b", "ubatch_2", "cr_1", DEC_1, "2026-12"));

        try (Database database = Database.open(config().jdbcUrl(), config().databaseLogin())) {
            try (Connection c = database.dataSource().getConnection();
                    Statement s = c.createStatement()) {
                assertThat(rows(s, "SELECT batch_id, host_id, received_at FROM usage_batches ORDER BY batch_seq"))
                        .containsExactly(
                                List.of("ubatch_1", "host_a", NOV_2.toString()),
                                List.of("ubatch_2", "host_b", DEC_1.toString()));
                assertThat(rows(
                                s,
                                "SELECT e.event_id, b.batch_id, b.host_id, e.receipt_id FROM usage_events e"
                                        + " JOIN usage_batches b ON b.batch_seq = e.batch_seq ORDER BY e.seq"))
                        .containsExactly(
                                List.of("evt-1", "ubatch_1", "host_a", "rcpt_1"),
                                List.of("evt-2", "ubatch_1", "host_a", "rcpt_1"),
                                List.of("evt-1", "ubatch_2", "host_b", "rcpt_1"));
                assertThat(columns(c, "usage_events")).doesNotContain(LeanUsageEvents.DROPPED);
            }
            try (Connection c = database.dataSource().getConnection()) {
                requireTheEventsKeysAndRules(c);
            }
        }
    }

    /**
     * The events' table V17 made anew keeps every rule the old one had: the next row number after
     * the copied ones, the voids' and holds' references, the status check, and the fingerprint key
     * (PostgreSQL) or index (H2, which start reads).
     */
    private static void requireTheEventsKeysAndRules(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO usage_events (batch_seq, event_id, receipt_id, event_time, tokens, amount, units,"
                    + " currency, status, fingerprint_hi, fingerprint_lo)"
                    + " VALUES (1, 'evt-new', 'rcpt_1', CURRENT_TIMESTAMP, 1, 0, 0, 'USD', 'accepted', 11, 12)");
            assertThat(rows(s, "SELECT seq FROM usage_events WHERE event_id = 'evt-new'"))
                    .as("numbered after the copied rows")
                    .containsExactly(List.of("4"));
            assertThat(violates(
                            s,
                            "INSERT INTO usage_voids (void_id, event_seq, reason, booked_period, amount, created_at)"
                                    + " VALUES ('void_1', 99, 'r', '2026-11', 0, CURRENT_TIMESTAMP)"))
                    .as("a void of no event")
                    .isTrue();
            assertThat(violates(s, "INSERT INTO usage_held (seq, batch_id, creator_id) VALUES (99, 'b', 'c')"))
                    .as("a hold of no event")
                    .isTrue();
            assertThat(violates(s, "UPDATE usage_events SET status = 'lost' WHERE seq = 4"))
                    .as("a status outside the three")
                    .isTrue();
            // H2's index on (seq, fingerprint_hi) is V18's to remove (DedupTableKeptAcrossStartsTest).
            if (Dialect.of(c.getMetaData().getURL()) != Dialect.H2) {
                assertThat(violates(
                                s,
                                "INSERT INTO usage_events (batch_seq, event_id, receipt_id, event_time, tokens, amount,"
                                        + " units, currency, status, fingerprint_hi, fingerprint_lo) VALUES (1, 'evt-x',"
                                        + " 'rcpt_1', CURRENT_TIMESTAMP, 1, 0, 0, 'USD', 'accepted', 11, 12)"))
                        .as("a second event with one fingerprint")
                        .isTrue();
            }
        }
    }

    private static boolean violates(Statement s, String sql) {
        try {
            s.execute(sql);
            return false;
        } catch (SQLException e) {
            return new DataAccessException(e).isConstraintViolation();
        }
    }

    @Test
    void start_anEventNamesAnotherCreatorThanItsReceipt_refusedNamingTheRow_databaseAsTheVersionBeforeLeftIt()
            throws Exception {
        storedByVersion16(
                new OldEvent("evt-1", "host_a", "ubatch_1", "cr_1", NOV_2, "2026-11"),
                new OldEvent("evt-2", "host_a", "ubatch_1", "cr_2", NOV_2, "2026-11"));

        assertThatThrownBy(() -> Database.open(config().jdbcUrl(), config().databaseLogin()))
                .isInstanceOf(MigrationRefused.class)
                .hasMessageContaining("1 usage events name a model, asset or creator their receipt does not")
                .hasMessageContaining("the first: row 2");

        try (Connection c = rawConnection();
                Statement s = c.createStatement()) {
            assertThat(columns(c, "usage_events")).contains(LeanUsageEvents.DROPPED);
            // Flyway records a failed migration on H2, which would stop every later start, the
            // version before this one's too; nothing was changed, so nothing may be recorded.
            assertThat(rows(
                            s,
                            "SELECT \"version\", \"success\" FROM \"flyway_schema_history\""
                                    + " ORDER BY \"installed_rank\" DESC FETCH FIRST 1 ROW ONLY"))
                    .containsExactly(List.of("16", rows(s, "SELECT TRUE").get(0).get(0)));
        }
    }

    @Test
    void start_anEventBookedInAnotherMonthThanItsTime_refusedNamingTheRow() throws Exception {
        storedByVersion16(new OldEvent("evt-1", "host_a", "ubatch_1", "cr_1", DEC_1, "2026-11"));

        assertThatThrownBy(() -> Database.open(config().jdbcUrl(), config().databaseLogin()))
                .isInstanceOf(MigrationRefused.class)
                .hasMessageContaining("usage event row 1 is booked in 2026-11 but happened in 2026-12");
    }

    private PlatformConfig config() {
        return TestDatabase.adapt(new PlatformConfig("127.0.0.1", 0, dataDir, null, false));
    }

    /** The database without the platform's pool, so without a migration. */
    private Connection rawConnection() throws SQLException {
        DatabaseLogin login = config().databaseLogin();
        return DriverManager.getConnection(
                config().jdbcUrl(),
                login.user() == null ? "" : login.user(),
                login.password() == null ? "" : login.password());
    }

    /** An event as V16 stored it, of receipt {@code rcpt_1} (creator cr_1, asset ast_1, model model_1). */
    private record OldEvent(
            String eventId, String hostId, String batchId, String creatorId, Instant at, String period) {}

    /** A new database taken back to V16, holding receipt {@code rcpt_1} and {@code events}, closed. */
    private void storedByVersion16(OldEvent... events) throws SQLException {
        try (Database database = Database.open(config().jdbcUrl(), config().databaseLogin());
                Connection c = database.dataSource().getConnection();
                Statement s = c.createStatement()) {
            undoVersion17(s);
            insertReceipt(c, "rcpt_1", "cr_1", "ast_1", "model_1");
            for (OldEvent event : events) {
                insertEvent(c, event);
            }
        }
    }

    /** The schema as V16 left it, on a database with no events: the events' table of 19 columns, no batches. */
    static void undoVersion17(Statement s) throws SQLException {
        DedupTableKeptAcrossStartsTest.undoVersion18(s);
        s.execute("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '17'");
        s.execute("DROP TABLE usage_batches");
        s.execute("DROP TABLE usage_events CASCADE");
        s.execute("CREATE TABLE usage_events (seq BIGINT GENERATED BY DEFAULT AS IDENTITY NOT NULL PRIMARY KEY,"
                + " host_id VARCHAR(64) NOT NULL, event_id VARCHAR(128) NOT NULL, batch_id VARCHAR(64) NOT NULL,"
                + " model_id VARCHAR(128) NOT NULL, receipt_id VARCHAR(64) NOT NULL, asset_id VARCHAR(64) NOT NULL,"
                + " creator_id VARCHAR(64) NOT NULL, event_time TIMESTAMP WITH TIME ZONE NOT NULL,"
                + " period CHAR(7) NOT NULL, tokens BIGINT NOT NULL, revenue NUMERIC(38, 18),"
                + " amount NUMERIC(38, 18) NOT NULL, units NUMERIC(38, 18) NOT NULL, currency CHAR(3) NOT NULL,"
                + " status VARCHAR(16) NOT NULL, hold_reason VARCHAR(32),"
                + " received_at TIMESTAMP WITH TIME ZONE NOT NULL,"
                + " fingerprint_hi BIGINT NOT NULL, fingerprint_lo BIGINT NOT NULL,"
                + " CONSTRAINT usage_events_status CHECK (status IN ('accepted', 'held', 'voided')))");
        s.execute("ALTER TABLE usage_voids ADD FOREIGN KEY (event_seq) REFERENCES usage_events (seq)");
        s.execute("ALTER TABLE usage_held ADD FOREIGN KEY (seq) REFERENCES usage_events (seq)");
        if (Dialect.of(s.getConnection().getMetaData().getURL()) == Dialect.H2) {
            s.execute("CREATE INDEX usage_events_fingerprints ON usage_events (seq, fingerprint_hi)");
        } else {
            s.execute(
                    "ALTER TABLE usage_events ADD CONSTRAINT usage_events_dedup UNIQUE (fingerprint_hi, fingerprint_lo)");
        }
    }

    private static void insertReceipt(Connection c, String receiptId, String creatorId, String assetId, String modelId)
            throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO signing_keys (kid, alg, purpose, private_jwk, public_jwk, created_at)"
                    + " VALUES ('kid_1', 'EdDSA', 'receipts', '{}', '{}', CURRENT_TIMESTAMP)");
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO receipts (receipt_id, log_index, leaf_hash,"
                + " creator_id, dataset_id, model_id, artifact_hash, portion_used, license, kid, alg, receipt_jwt,"
                + " sandbox, issued_at, expires_at) VALUES (?, 0, ?, ?, ?, ?, 'sha256:00', 1, 'training', 'kid_1',"
                + " 'EdDSA', 'x.y.z', TRUE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")) {
            insert.setString(1, receiptId);
            insert.setString(2, "0".repeat(64));
            insert.setString(3, creatorId);
            insert.setString(4, assetId);
            insert.setString(5, modelId);
            insert.executeUpdate();
        }
    }

    private static void insertEvent(Connection c, OldEvent e) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO usage_events (host_id, event_id, batch_id, model_id, receipt_id, asset_id, creator_id,"
                        + " event_time, period, tokens, amount, units, currency, status, received_at,"
                        + " fingerprint_hi, fingerprint_lo)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 10, 0.001, 10, 'USD', 'accepted', ?, ?, 7)")) {
            Timestamp time = Timestamp.from(e.at());
            insert.setString(1, e.hostId());
            insert.setString(2, e.eventId());
            insert.setString(3, e.batchId());
            insert.setString(4, "model_1");
            insert.setString(5, "rcpt_1");
            insert.setString(6, "ast_1");
            insert.setString(7, e.creatorId());
            insert.setTimestamp(8, time);
            insert.setString(9, e.period());
            insert.setTimestamp(10, time);
            insert.setLong(11, (e.hostId() + e.eventId()).hashCode());
            insert.executeUpdate();
        }
    }

    private static List<List<String>> rows(Statement s, String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (ResultSet r = s.executeQuery(sql)) {
            int n = r.getMetaData().getColumnCount();
            while (r.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    int type = r.getMetaData().getColumnType(i);
                    boolean time = type == Types.TIMESTAMP || type == Types.TIMESTAMP_WITH_TIMEZONE;
                    row.add(time ? r.getTimestamp(i).toInstant().toString() : r.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static List<String> columns(Connection c, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (ResultSet r = c.getMetaData().getColumns(null, null, table, null)) {
            while (r.next()) {
                columns.add(r.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return columns;
    }
}
