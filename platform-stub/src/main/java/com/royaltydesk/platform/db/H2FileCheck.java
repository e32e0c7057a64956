package com.royaltydesk.platform.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.Chunk;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.Page;
import org.h2.mvstore.tx.TransactionStore;
import org.h2.value.VersionedValue;

/**
 * Reads the pages of the H2 file's open maps — every table and index — so that damage a crash
 * left is found at start, where the file can still be set aside and rebuilt (decision 0017),
 * instead of as an error in the middle of a request. Done after a stop that was not clean:
 * {@value #RUNNING} is written when the platform starts serving and removed when it stops cleanly,
 * so finding it means the last run was killed; then the pages of chunks {@link TrustedPages} names
 * are left unread (decision 0030). A request that meets a damaged page asks for every page
 * ({@value #CHECK_NEXT_START}).
 */
public final class H2FileCheck {

    /** Present while a platform runs on the folder, and after one that did not stop cleanly. */
    public static final String RUNNING = "platform.running";
    /** Left when a request met a damaged page: the next start checks even after a clean stop. */
    public static final String CHECK_NEXT_START = "platform.check-at-next-start";

    private H2FileCheck() {}

    /** How much of the file a start reads before it serves. */
    public enum Scope {
        /** The last stop was clean: nothing. */
        NONE,
        /** The last run was killed: every page but those of chunks {@link TrustedPages} names. */
        UNTRUSTED_PAGES,
        /** A request met a damaged page: every page, whatever the stop. */
        EVERY_PAGE
    }

    /** What a start on {@code dataDir} reads, from how the last run there ended. */
    public static Scope scopeAtStart(Path dataDir) {
        if (Files.exists(dataDir.resolve(CHECK_NEXT_START))) {
            return Scope.EVERY_PAGE;
        }
        return Files.exists(dataDir.resolve(RUNNING)) ? Scope.UNTRUSTED_PAGES : Scope.NONE;
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
     * What a check read: entries; and the pages it did not descend into because a trusted chunk holds
     * them (each with every page below it), in how many chunks.
     */
    record PagesRead(long entries, long pagesTrusted, int chunksTrusted) {}

    /**
     * Reads every entry of every map the database has open, except the pages of chunks up to the
     * version {@code trustedThrough} ({@link TrustedPages}; empty: every page); throws H2's own
     * exception (file corrupted, chunk not found…) at the first damaged page. A trusted chunk that
     * still holds a page of the file has its header and footer read back: one H2 freed and wrote
     * over would fail there.
     *
     * <p>It also reads each entry's mark: an entry written by a transaction that has not ended
     * carries that transaction's id. After a {@code kill -9} H2 once left entries marked by a
     * transaction that no longer existed (evidence {@code h2-rows-marked-by-a-gone-transaction});
     * the new process hands that id out again, and every writer to those entries then waits for a
     * stranger's transaction until the lock timeout — starts failed on it, twice. Such marks are
     * damage: call after the interrupted commits are finished, before anything else writes.
     */
    static PagesRead readPages(Connection connection, OptionalLong trustedThrough) throws SQLException {
        MVStore store = mvStore(connection);
        Set<Integer> open = new HashSet<>();
        transactionStore(connection).getOpenTransactions().forEach(t -> open.add(t.getId()));
        Map<Integer, Chunk<?>> chunks = chunks(store);
        Set<Integer> trusted = new HashSet<>();
        trustedThrough.ifPresent(through -> chunks.values().stream()
                .filter(chunk -> chunk.version <= through)
                .forEach(chunk -> trusted.add(chunk.id)));
        PageReader reader = new PageReader(open, trusted);
        MVMap<String, String> meta = store.getMetaMap();
        for (String name : store.getMapNames()) {
            String id = meta.get("name." + name);
            MVMap<Object, Object> map = id == null ? null : store.getMap(DataUtils.parseHexInt(id));
            if (map == null) {
                continue; // not opened by the database (temporary or dropped): nothing reads it
            }
            reader.readMap(name, map);
        }
        for (int chunkId : reader.trustedChunksHoldingPages) {
            requireWhole(store, chunks.get(chunkId));
        }
        if (reader.marked > 0) {
            throw new DamagedDatabaseException(reader.marked + " entries are still marked as written by a transaction"
                    + " that no longer exists (the first: " + reader.firstMarked + "); a write to them would wait"
                    + " forever");
        }
        return new PagesRead(reader.entries, reader.pagesTrusted, reader.trustedChunksHoldingPages.size());
    }

    /** Walks a map's tree from its root, down every page not held by a trusted chunk. */
    private static final class PageReader {
        private final Set<Integer> open;
        private final Set<Integer> trusted;
        private final Set<Integer> trustedChunksHoldingPages = new HashSet<>();
        private long entries;
        private long pagesTrusted;
        private long marked;
        private String firstMarked;

        PageReader(Set<Integer> open, Set<Integer> trusted) {
            this.open = open;
            this.trusted = trusted;
        }

        void readMap(String name, MVMap<Object, Object> map) {
            Page<Object, Object> root = map.flushAndGetRoot().root;
            if (!isTrusted(root.getPos())) {
                read(name, root);
            }
        }

        private boolean isTrusted(long pos) {
            if (pos == 0 || !trusted.contains(DataUtils.getPageChunkId(pos))) {
                return false; // not yet saved, or in a chunk written since the trusted observation
            }
            pagesTrusted++;
            trustedChunksHoldingPages.add(DataUtils.getPageChunkId(pos));
            return true;
        }

        private void read(String name, Page<Object, Object> page) {
            if (!page.isLeaf()) {
                for (int i = 0; i < page.getRawChildPageCount(); i++) {
                    if (!isTrusted(page.getChildPagePos(i))) {
                        read(name, page.getChildPage(i));
                    }
                }
                return;
            }
            for (int i = 0; i < page.getKeyCount(); i++) {
                if (page.getValue(i) instanceof VersionedValue<?> versioned
                        && versioned.getOperationId() != 0
                        && !open.contains((int) (versioned.getOperationId() >>> LOG_ID_BITS))) {
                    marked++;
                    if (firstMarked == null) {
                        firstMarked = name + " key " + page.getKey(i) + " by transaction "
                                + (versioned.getOperationId() >>> LOG_ID_BITS);
                    }
                }
                entries++;
            }
        }
    }

    /** The chunks H2's layout names, by id (H2 keeps the map to itself). */
    @SuppressWarnings("unchecked")
    private static Map<Integer, Chunk<?>> chunks(MVStore store) {
        try {
            Method method = FileStore.class.getDeclaredMethod("getChunks");
            method.setAccessible(true);
            return (Map<Integer, Chunk<?>>) method.invoke(store.getFileStore());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("H2 no longer lets its chunks be read: " + e, e);
        }
    }

    /** Throws {@link DamagedDatabaseException} when the chunk's header or footer no longer reads back as its own. */
    private static void requireWhole(MVStore store, Chunk<?> chunk) {
        Object readBack;
        try {
            Method method = FileStore.class.getDeclaredMethod("readChunkHeaderAndFooter", long.class, int.class);
            method.setAccessible(true);
            readBack = method.invoke(store.getFileStore(), chunk.block, chunk.id);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("H2 no longer lets a chunk's header be read: " + e, e);
        }
        if (readBack == null) {
            throw new DamagedDatabaseException("chunk " + chunk.id + " of the file, which still holds pages, no longer"
                    + " reads back as itself at block " + chunk.block);
        }
    }

    static MVStore mvStore(Connection connection) throws SQLException {
        return session(connection).getDatabase().getStore().getMvStore();
    }

    static TransactionStore transactionStore(Connection connection) throws SQLException {
        return session(connection).getDatabase().getStore().getTransactionStore();
    }

    private static SessionLocal session(Connection connection) throws SQLException {
        return (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
    }
}
