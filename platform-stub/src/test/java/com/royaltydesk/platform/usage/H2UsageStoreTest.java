package com.royaltydesk.platform.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.royaltydesk.platform.core.EventFingerprint;
import com.royaltydesk.platform.db.Database;
import com.royaltydesk.platform.db.Jdbc;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dedup beside H2 (decision 0025) on a real H2 file: what the table of seen events answers must
 * agree with the rows — after a start, after a rollback, and when a row shares only part of a
 * fingerprint.
 */
@org.junit.jupiter.api.Tag(com.royaltydesk.platform.testutil.NoDatabase.TAG)
class H2UsageStoreTest {

    private static final String HOST = "host_a";
    private static final Instant AT = Instant.parse("2026-11-02T10:00:00Z");

    @TempDir
    Path dataDir;

    private Database database;
    private Jdbc jdbc;
    private UsageStore store;

    @BeforeEach
    void open() {
        database = Database.open(Database.h2FileUrl(dataDir));
        jdbc = new Jdbc(database.dataSource());
        store = newStore();
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static final Optional<UUID> THIS_BOOT = Optional.of(UUID.randomUUID());

    /** A store as a new start of this boot makes it: its table opened or read from the rows on first use. */
    private UsageStore newStore() {
        return newStore(THIS_BOOT);
    }

    /** The same after a reboot ({@code boot} another id), or where the system names none (empty). */
    private UsageStore newStore(Optional<UUID> boot) {
        lastStarted = new H2UsageStore(dataDir, () -> boot);
        return new UsageStore(database.dataSource(), lastStarted);
    }

    private H2UsageStore lastStarted;

    /** As if the file were rebuilt from the journals alone: it names no table, so the next start builds one. */
    private void forgetTheKeptTable() throws SQLException {
        try (Connection c = database.dataSource().getConnection()) {
            c.createStatement().execute("DELETE FROM usage_dedup_lineage");
        }
    }

    private Path[] tableFiles() throws java.io.IOException {
        try (var files = java.nio.file.Files.list(dataDir.resolve(H2UsageStore.TABLE_FOLDER))) {
            return files.toArray(Path[]::new);
        }
    }

    private boolean[] insert(UsageStore into, String... eventIds) {
        List<PricedEvent> events = new ArrayList<>();
        for (String id : eventIds) {
            events.add(event(events.size(), id));
        }
        return into.inserting(
                () -> jdbc.inTransaction(c -> into.insertIfAbsent(c, HOST, "ubatch_1", events, e -> false, null, AT)));
    }

    private static PricedEvent event(int index, String id) {
        return new PricedEvent(
                index,
                id,
                "model_1",
                "rcpt_1",
                "ast_1",
                "cr_1",
                AT,
                10,
                null,
                new BigDecimal("0.001"),
                BigDecimal.TEN,
                "USD");
    }

    private long rows() throws SQLException {
        try (Connection c = database.dataSource().getConnection();
                ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM usage_events")) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void resent_duplicates_andAfterAStartToo() throws Exception {
        assertThat(insert(store, "e1", "e2")).containsExactly(true, true);
        assertThat(insert(store, "e2", "e3")).containsExactly(false, true);

        UsageStore started = newStore();
        assertThat(started.prepareDedup()).isEqualTo(3);
        assertThat(insert(started, "e1", "e3", "e4")).containsExactly(false, false, true);
        assertThat(rows()).isEqualTo(4);
    }

    @Test
    void readingTheRowsAtStart_leavesThePooledConnectionAsItFoundIt() throws Exception {
        insert(store, "e1", "e2");
        try (Connection c = database.dataSource().getConnection()) {
            assertThat(new H2UsageStore(dataDir).load(c)).isEqualTo(2);
            assertThat(c.getAutoCommit())
                    .as("back in auto-commit, as the pool lent it")
                    .isTrue();
            org.h2.engine.SessionLocal session = (org.h2.engine.SessionLocal)
                    c.unwrap(org.h2.jdbc.JdbcConnection.class).getSession();
            assertThat(session.getDatabase().getStore().getTransactionStore().getOpenTransactions())
                    .as("the read's transaction ended, not left open on the pooled connection")
                    .isEmpty();
        }
    }

    @Test
    void readingTheRowsInsideACallersTransaction_leavesItOpen_itsRollbackUndoesItsWrites() throws Exception {
        insert(store, "e1");
        try (Connection c = database.dataSource().getConnection()) {
            c.setAutoCommit(false);
            c.createStatement()
                    .execute(
                            "INSERT INTO platform_settings VALUES ('written-before-the-read', 'x', CURRENT_TIMESTAMP)");
            assertThat(new H2UsageStore(dataDir).load(c)).isEqualTo(1);
            c.rollback();
            c.setAutoCommit(true);
            try (ResultSet r = c.createStatement()
                    .executeQuery(
                            "SELECT COUNT(*) FROM platform_settings WHERE setting_name = 'written-before-the-read'")) {
                r.next();
                assertThat(r.getLong(1))
                        .as("the read did not commit the caller's half-done transaction")
                        .isZero();
            }
        }
    }

    @Test
    void batchRolledBackAfterItsInsert_resentLater_stored() throws Exception {
        List<PricedEvent> events = List.of(event(0, "r1"), event(1, "r2"));
        assertThatThrownBy(() -> store.inserting(() -> jdbc.inTransaction(c -> {
                    store.insertIfAbsent(c, HOST, "ubatch_1", events, e -> false, null, AT);
                    throw new IllegalStateException("the batch fails after its insert");
                })))
                .hasMessageContaining("fails after its insert");
        assertThat(rows()).isZero();

        assertThat(insert(store, "r1", "r2"))
                .as("the table's entries for the rolled-back rows name rows that are not there")
                .containsExactly(true, true);
        assertThat(rows()).isEqualTo(2);
    }

    @Test
    void rowWithTheSameFirstHalfOnly_anotherEvent_soTheNewOneIsStored() throws Exception {
        insert(store, "stored");
        EventFingerprint wanted = EventFingerprint.of(HOST, "wanted");
        setFingerprint("stored", wanted.hi(), wanted.lo() + 1);
        forgetTheKeptTable();

        UsageStore started = newStore();
        assertThat(insert(started, "wanted")).containsExactly(true);
        assertThat(rows()).isEqualTo(2);
    }

    @Test
    void rowWithTheWholeFingerprintButOtherIds_collisionRefused_nothingStored() throws Exception {
        insert(store, "stored");
        EventFingerprint wanted = EventFingerprint.of(HOST, "wanted");
        setFingerprint("stored", wanted.hi(), wanted.lo());
        forgetTheKeptTable();

        UsageStore started = newStore();
        assertThatThrownBy(() -> insert(started, "fresh", "wanted"))
                .isInstanceOf(FingerprintCollision.class)
                .hasMessageContaining("wanted");
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void voidLooksUpTheEvent_throughTheTable_afterAStart() throws Exception {
        insert(store, "v1", "v2");

        UsageStore started = newStore();
        UsageStore.EventToVoid found = jdbc.inTransaction(c -> started.lockEvent(c, HOST, "v2"));
        UsageStore.EventToVoid missing = jdbc.inTransaction(c -> started.lockEvent(c, "host_b", "v2"));

        assertThat(found).isNotNull();
        assertThat(found.status()).isEqualTo("accepted");
        assertThat(missing).as("another host's id").isNull();
    }

    @Test
    void cleanStop_theNextStartOpensTheKeptTable_resentStillDuplicates() throws Exception {
        insert(store, "e1", "e2");
        store.close();

        UsageStore started = newStore(Optional.of(UUID.randomUUID())); // even after a reboot: written whole at the stop
        assertThat(started.prepareDedup()).isEqualTo(2);
        assertThat(lastStarted.keptFromLastRun()).isTrue();
        assertThat(insert(started, "e1", "e2", "e3")).containsExactly(false, false, true);
        assertThat(rows()).isEqualTo(3);
    }

    @Test
    void killedThisBoot_theNextStartOpensTheKeptTable() throws Exception {
        insert(store, "k1", "k2"); // no close: the process died, its writes are in the page cache

        UsageStore started = newStore();
        assertThat(started.prepareDedup()).isEqualTo(2);
        assertThat(lastStarted.keptFromLastRun()).isTrue();
        assertThat(insert(started, "k2", "k3")).containsExactly(false, true);
    }

    @Test
    void killedThenRebooted_orNoBootIdHere_tableBuiltFromTheRows_resentStillDuplicates() throws Exception {
        insert(store, "r1", "r2");

        for (Optional<UUID> boot : List.of(Optional.of(UUID.randomUUID()), Optional.<UUID>empty())) {
            UsageStore started = newStore(boot);
            assertThat(started.prepareDedup()).isEqualTo(2);
            assertThat(lastStarted.keptFromLastRun()).as("started on %s", boot).isFalse();
            assertThat(insert(started, "r1", "r2")).containsExactly(false, false);
        }
        assertThat(tableFiles()).as("the untrusted table deleted, one left").hasSize(1);
    }

    @Test
    void insertAfterTheCleanStop_makesTheTableUntrustedAfterAReboot() throws Exception {
        insert(store, "a1");
        store.close();
        insert(store, "a2"); // not expected after a stop; if it happens, the stop's promise no longer holds

        newStore(Optional.of(UUID.randomUUID())).prepareDedup();
        assertThat(lastStarted.keptFromLastRun()).isFalse();
    }

    @Test
    void fileRebuiltFromTheJournals_namesNoTable_oneIsBuilt_theOldOneDeleted() throws Exception {
        insert(store, "j1");
        store.close();
        Path[] before = tableFiles();
        forgetTheKeptTable();

        UsageStore started = newStore();
        assertThat(started.prepareDedup()).isEqualTo(1);
        assertThat(lastStarted.keptFromLastRun()).isFalse();
        assertThat(tableFiles()).hasSize(1).doesNotContain(before);
        assertThat(insert(started, "j1")).containsExactly(false);
    }

    @Test
    void tableOfAnotherLineage_orDamagedHeader_notTrusted() throws Exception {
        insert(store, "l1");
        store.close();
        try (Connection c = database.dataSource().getConnection()) {
            c.createStatement().execute("UPDATE usage_dedup_lineage SET lineage = '" + UUID.randomUUID() + "'");
        }
        newStore().prepareDedup();
        assertThat(lastStarted.keptFromLastRun()).as("another lineage").isFalse();

        lastStarted.close();
        Path file = tableFiles()[0];
        try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {0, 0, 0, 0}), 0); // the magic number
        }
        UsageStore started = newStore();
        started.prepareDedup();
        assertThat(lastStarted.keptFromLastRun()).as("damaged header").isFalse();
        assertThat(insert(started, "l1")).containsExactly(false);
    }

    @Test
    void rowsWrittenWithoutTheTable_aboveItsHighestRow_caughtUpAtStart() throws Exception {
        insert(store, "c1");
        store.close();
        // A run that did not keep this table (a copy of a running folder, say) wrote one more row.
        EventFingerprint unseen = EventFingerprint.of(HOST, "c2");
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement copy = c.prepareStatement("INSERT INTO usage_events (" + UsageStore.EVENT_COLUMNS
                        + ") SELECT batch_seq, 'c2', receipt_id, event_time, tokens, revenue, amount, units,"
                        + " currency, status, hold_reason, ?, ? FROM usage_events WHERE event_id = 'c1'")) {
            copy.setLong(1, unseen.hi());
            copy.setLong(2, unseen.lo());
            assertThat(copy.executeUpdate()).isEqualTo(1);
        }

        UsageStore started = newStore();
        assertThat(started.prepareDedup()).isEqualTo(2);
        assertThat(lastStarted.keptFromLastRun()).isTrue();
        assertThat(insert(started, "c2"))
                .as("the row above the table's highest is seen")
                .containsExactly(false);
        assertThat(rows()).isEqualTo(2);
    }

    @Test
    void builtWhileAnotherTransactionHasInsertedARow_thatRowIsInTheTableToo() throws Exception {
        insert(store, "u1");
        forgetTheKeptTable();
        try (Connection other = database.dataSource().getConnection()) {
            other.setAutoCommit(false);
            EventFingerprint pending = EventFingerprint.of(HOST, "u2");
            try (PreparedStatement copy = other.prepareStatement("INSERT INTO usage_events ("
                    + UsageStore.EVENT_COLUMNS + ") SELECT batch_seq, 'u2', receipt_id, event_time, tokens, revenue,"
                    + " amount, units, currency, status, hold_reason, ?, ? FROM usage_events WHERE event_id = 'u1'")) {
                copy.setLong(1, pending.hi());
                copy.setLong(2, pending.lo());
                copy.executeUpdate();
            }

            assertThat(newStore().prepareDedup())
                    .as("should it commit after the build, its row must be seen")
                    .isEqualTo(2);
            other.rollback();
        }
    }

    @Test
    void insertOutsideInserting_refused() {
        assertThatThrownBy(() -> jdbc.inTransaction(
                        c -> store.insertIfAbsent(c, HOST, "ubatch_1", List.of(event(0, "x")), e -> false, null, AT)))
                .hasMessageContaining("exclusively");
    }

    private void setFingerprint(String eventId, long hi, long lo) throws SQLException {
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement update = c.prepareStatement(
                        "UPDATE usage_events SET fingerprint_hi = ?, fingerprint_lo = ? WHERE event_id = ?")) {
            update.setLong(1, hi);
            update.setLong(2, lo);
            update.setString(3, eventId);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }
}
