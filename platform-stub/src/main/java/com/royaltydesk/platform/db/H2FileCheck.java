package com.royaltydesk.platform.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.value.VersionedValue;

/**
 * Reads every page of the H2 file's open maps — every table and index — so that damage a crash
 * left is found at start, where the file can still be set aside and rebuilt (decision 0017),
 * instead of as an error in the middle of a request. Done after a stop that was not clean:
 * {@value #RUNNING} is written when the platform starts serving and removed when it stops cleanly,
 * so finding it means the last run was killed. A request that meets a damaged page writes it too.
 */
public final class H2FileCheck {

    /** Present while a platform runs on the folder, and after one that did not stop cleanly. */
    public static final String RUNNING = "platform.running";
    /** Left when a request met a damaged page: the next start checks even after a clean stop. */
    public static final String CHECK_NEXT_START = "platform.check-at-next-start";

    private H2FileCheck() {}

    /** Whether the last run on {@code dataDir} ended without a clean stop. */
    public static boolean lastStopWasUnclean(Path dataDir) {
        return Files.exists(dataDir.resolve(RUNNING)) || Files.exists(dataDir.resolve(CHECK_NEXT_START));
    }

    /** A request met a damaged page: the next start reads the whole file whatever the stop. */
    public static void checkAtNextStart(Path dataDir) {
        try {
            Files.writeString(
                    dataDir.resolve(CHECK_NEXT_START), "a request met a damaged page" + System.lineSeparator());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dataDir.resolve(CHECK_NEXT_START), e);
        }
    }

    /**
     * Marks the folder as in use until {@link #stoppedCleanly}; a later start that finds the mark
     * checks the file. Called once this start's check (if any) has passed: a check asked for by a
     * damaged page is done.
     */
    public static void running(Path dataDir) {
        try {
            Files.deleteIfExists(dataDir.resolve(CHECK_NEXT_START));
            Files.writeString(dataDir.resolve(RUNNING), ProcessHandle.current().pid() + System.lineSeparator());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dataDir.resolve(RUNNING), e);
        }
    }

    public static void stoppedCleanly(Path dataDir) {
        try {
            Files.deleteIfExists(dataDir.resolve(RUNNING));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dataDir.resolve(RUNNING), e);
        }
    }

    /**
     * Throws {@link DamagedDatabaseException} naming the tables a freshly migrated database has and
     * this one lacks: H2 opens a file whose schema pages were damaged and simply no longer knows
     * those tables (seen in the fault-injection runs, decision 0017). The reference is made now, by
     * migrating an in-memory database, so it cannot drift from the migrations.
     */
    static void requireEveryTable(Connection connection) throws SQLException {
        java.util.Set<String> expected;
        String reference = "jdbc:h2:mem:schema-reference-" + java.util.UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        try (Connection fresh = java.sql.DriverManager.getConnection(reference, "", "")) {
            Migrations.flyway(reference, "", "").migrate();
            expected = tables(fresh);
        }
        java.util.Set<String> missing = new java.util.TreeSet<>(expected);
        missing.removeAll(tables(connection));
        if (!missing.isEmpty()) {
            throw new DamagedDatabaseException("the database no longer has the tables " + missing);
        }
    }

    private static java.util.Set<String> tables(Connection connection) throws SQLException {
        java.util.Set<String> names = new java.util.HashSet<>();
        try (var rows = connection
                .createStatement()
                .executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
            while (rows.next()) {
                names.add(rows.getString(1).toLowerCase(java.util.Locale.ROOT));
            }
        }
        return names;
    }

    /**
     * Moves every identity counter past the largest value its column holds: after a {@code kill -9}
     * H2 brought one back behind rows already committed, and the next insert failed on the primary
     * key (a crash round's start, decision 0017). Returns how many counters were moved.
     */
    static int restartIdentitiesPastTheirRows(Connection connection) throws SQLException {
        java.util.List<String[]> identities = new java.util.ArrayList<>();
        try (var rows = connection
                .createStatement()
                .executeQuery("SELECT table_name, column_name, identity_base FROM information_schema.columns"
                        + " WHERE table_schema = 'public' AND is_identity = 'YES'")) {
            while (rows.next()) {
                identities.add(new String[] {rows.getString(1), rows.getString(2), rows.getString(3)});
            }
        }
        int moved = 0;
        for (String[] identity : identities) {
            long next = Long.parseLong(identity[2]);
            long max;
            try (var row = connection
                    .createStatement()
                    .executeQuery("SELECT COALESCE(MAX(\"" + identity[1] + "\"), 0) FROM \"" + identity[0] + "\"")) {
                row.next();
                max = row.getLong(1);
            }
            if (next <= max) {
                connection
                        .createStatement()
                        .execute("ALTER TABLE \"" + identity[0] + "\" ALTER COLUMN \"" + identity[1]
                                + "\" RESTART WITH " + (max + 1));
                moved++;
            }
        }
        return moved;
    }

    /** An entry's operation id holds its transaction's id above this many bits (H2's TransactionStore). */
    private static final int LOG_ID_BITS = 40;

    /**
     * Reads every entry of every map the database has open; throws H2's own exception (file
     * corrupted, chunk not found…) at the first damaged page. Returns how many entries it read.
     *
     * <p>It also reads each entry's mark: an entry written by a transaction that has not ended
     * carries that transaction's id. After a {@code kill -9} H2 once left entries marked by a
     * transaction that no longer existed (evidence {@code h2-rows-marked-by-a-gone-transaction});
     * the new process hands that id out again, and every writer to those entries then waits for a
     * stranger's transaction until the lock timeout — starts failed on it, twice. Such marks are
     * damage: call after the interrupted commits are finished, before anything else writes.
     */
    static long readEveryPage(Connection connection) throws SQLException {
        SessionLocal session =
                (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
        MVStore store = session.getDatabase().getStore().getMvStore();
        java.util.Set<Integer> open = new java.util.HashSet<>();
        session.getDatabase()
                .getStore()
                .getTransactionStore()
                .getOpenTransactions()
                .forEach(t -> open.add(t.getId()));
        MVMap<String, String> meta = store.getMetaMap();
        long entries = 0;
        long marked = 0;
        String firstMarked = null;
        for (String name : store.getMapNames()) {
            String id = meta.get("name." + name);
            MVMap<Object, Object> map = id == null ? null : store.getMap(DataUtils.parseHexInt(id));
            if (map == null) {
                continue; // not opened by the database (temporary or dropped): nothing reads it
            }
            Cursor<Object, Object> cursor = map.cursor(null);
            while (cursor.hasNext()) {
                Object key = cursor.next();
                if (cursor.getValue() instanceof VersionedValue<?> versioned
                        && versioned.getOperationId() != 0
                        && !open.contains((int) (versioned.getOperationId() >>> LOG_ID_BITS))) {
                    marked++;
                    if (firstMarked == null) {
                        firstMarked = name + " key " + key + " by transaction "
                                + (versioned.getOperationId() >>> LOG_ID_BITS);
                    }
                }
                entries++;
            }
        }
        if (marked > 0) {
            throw new DamagedDatabaseException(marked + " entries are still marked as written by a transaction that"
                    + " no longer exists (the first: " + firstMarked + "); a write to them would wait forever");
        }
        return entries;
    }
}
