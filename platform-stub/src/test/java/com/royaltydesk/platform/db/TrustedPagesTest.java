package com.royaltydesk.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.royaltydesk.platform.PlatformConfig;
import com.royaltydesk.platform.testutil.TestDatabase;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.h2.mvstore.Chunk;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.Page;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start after a kill reads only the pages written since the last recorded observation (decision
 * 0030): on a real H2 file, stopped as a kill stops it ({@code SHUTDOWN IMMEDIATELY}: no last
 * write, no compaction), opened again.
 */
class TrustedPagesTest {

    private static final Optional<UUID> BOOT = Optional.of(UUID.randomUUID());
    private static final int OLD_ROWS = 20_000;
    private static final int NEW_ROWS = 500;

    @TempDir
    Path dataDir;

    private String url;

    @BeforeEach
    void h2Only() {
        assumeFalse(TestDatabase.onPostgres(), "the check reads H2's own file");
        // H2's background compaction moves the live pages of old chunks into a new one when it
        // chooses (CI saw every page moved before the kill, none left to trust). That only makes a
        // start read more; here it would make the count of pages trusted a matter of timing.
        url = PlatformConfig.defaultJdbcUrl(dataDir) + ";AUTO_COMPACT_FILL_RATE=0";
    }

    @Test
    void afterTwoObservations_aKilledFile_readsOnlyWhatWasWrittenSince() throws Exception {
        long recorded;
        try (Database database = Database.open(url)) {
            fill(database, 0, OLD_ROWS);
            TrustedPages trusted = new TrustedPages(database.dataSource(), BOOT);
            assertThat(trusted.observe())
                    .as("the first observation has none before it")
                    .isEmpty();
            recorded = trusted.observe().orElseThrow();
            fill(database, OLD_ROWS, NEW_ROWS);
            kill(database);
        }

        try (Connection connection = reopen()) {
            OptionalLong through = TrustedPages.atStart(connection, BOOT);
            assertThat(through).hasValue(recorded);
            H2FileCheck.PagesRead since = H2FileCheck.readPages(connection, through);
            H2FileCheck.PagesRead every = H2FileCheck.readPages(connection, OptionalLong.empty());

            assertThat(every.entries()).isGreaterThan(OLD_ROWS + NEW_ROWS);
            assertThat(every.pagesTrusted()).isZero();
            assertThat(since.pagesTrusted()).isPositive();
            assertThat(since.entries())
                    .as("the new rows are read, most old ones are not")
                    .isGreaterThanOrEqualTo(NEW_ROWS)
                    .isLessThan(OLD_ROWS / 4);
        }
    }

    @Test
    void aTransactionOpenAtTheObservation_holdsItBackUntilItEnds() throws Exception {
        try (Database database = Database.open(url);
                Connection open = database.dataSource().getConnection()) {
            TrustedPages trusted = new TrustedPages(database.dataSource(), BOOT);
            open.setAutoCommit(false);
            try (Statement s = open.createStatement()) {
                s.execute("CREATE TABLE filler (id BIGINT PRIMARY KEY, payload VARCHAR(200))");
                open.commit();
                s.execute("INSERT INTO filler VALUES (1, 'written, not yet committed')");
            }
            trusted.observe();
            assertThat(trusted.observe())
                    .as("a mark that transaction wrote may sit in a chunk the observation covers")
                    .isEmpty();
            open.commit();
            assertThat(trusted.observe())
                    .as("it has ended: the observation before is recorded")
                    .isPresent();
        }
    }

    @Test
    void anIdleFile_isNotWrittenAgainAfterItsOwnRecord() throws Exception {
        try (Database database = Database.open(url);
                Connection c = database.dataSource().getConnection()) {
            fill(database, 0, NEW_ROWS);
            TrustedPages trusted = recordedOnce(database);
            for (int i = 0; i < 3; i++) {
                writtenToChunks(c); // the record's own write, then nothing
                assertThat(trusted.observe())
                        .as("observation %d of an idle file records nothing (each record is a write)", i)
                        .isEmpty();
            }
            fill(database, NEW_ROWS, NEW_ROWS);
            trusted.observe();
            assertThat(trusted.observe()).as("written again: recorded again").isPresent();
        }
    }

    @Test
    void anotherBoot_anotherFile_orNoBootId_trustsNothing() throws Exception {
        try (Database database = Database.open(url)) {
            recordedOnce(database);
            try (Connection c = database.dataSource().getConnection()) {
                assertThat(TrustedPages.atStart(c, BOOT)).isPresent();
                assertThat(TrustedPages.atStart(c, Optional.of(UUID.randomUUID())))
                        .as("after a reboot only what reached the disk is there")
                        .isEmpty();
                assertThat(TrustedPages.atStart(c, Optional.empty())).isEmpty();
                try (Statement s = c.createStatement()) {
                    // What a restore brings: the row of the file the backup was made from.
                    s.execute("UPDATE " + PagesTrustedAfterAKill.TABLE + " SET file_created = file_created - 1");
                }
                assertThat(TrustedPages.atStart(c, BOOT))
                        .as("the row names another file")
                        .isEmpty();
            }
            assertThat(new TrustedPages(database.dataSource(), Optional.empty()).observe())
                    .as("nothing recorded without a boot id")
                    .isEmpty();
        }
    }

    @Test
    void aTrustedChunkNoLongerReadingBackAsItself_isDamage() throws Exception {
        try (Database database = Database.open(url);
                Connection connection = database.dataSource().getConnection()) {
            fill(database, 0, OLD_ROWS);
            TrustedPages trusted = new TrustedPages(database.dataSource(), BOOT);
            trusted.observe();
            long through = trusted.observe().orElseThrow();
            fill(database, OLD_ROWS, NEW_ROWS);
            assertThat(H2FileCheck.readPages(connection, OptionalLong.of(through))
                            .chunksTrusted())
                    .isPositive();

            zeroHeaderOfATrustedChunk(connection, through);

            assertThatThrownBy(() -> H2FileCheck.readPages(connection, OptionalLong.of(through)))
                    .isInstanceOf(DamagedDatabaseException.class)
                    .hasMessageContaining("no longer reads back as itself");
        }
    }

    @Test
    void theHarnessesInterval_boundedAndNamedWhenOutside() {
        String before = System.getProperty(TrustedPages.EVERY_PROPERTY);
        try {
            System.setProperty(TrustedPages.EVERY_PROPERTY, "200");
            assertThat(TrustedPages.every()).hasMillis(200);
            for (String wrong : new String[] {"99", "60001", "soon"}) {
                System.setProperty(TrustedPages.EVERY_PROPERTY, wrong);
                assertThatThrownBy(TrustedPages::every)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage(
                                TrustedPages.EVERY_PROPERTY + " must be milliseconds from 100 to 60000, was " + wrong);
            }
            System.clearProperty(TrustedPages.EVERY_PROPERTY);
            assertThat(TrustedPages.every()).isEqualTo(TrustedPages.EVERY);
        } finally {
            if (before == null) {
                System.clearProperty(TrustedPages.EVERY_PROPERTY);
            } else {
                System.setProperty(TrustedPages.EVERY_PROPERTY, before);
            }
        }
    }

    /** An observer that has recorded its first observation, at its second (nothing was open). */
    private static TrustedPages recordedOnce(Database database) {
        TrustedPages trusted = new TrustedPages(database.dataSource(), BOOT);
        trusted.observe();
        assertThat(trusted.observe()).isPresent();
        return trusted;
    }

    private static void fill(Database database, int from, int rows) throws SQLException {
        try (Connection c = database.dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS filler (id BIGINT PRIMARY KEY, payload VARCHAR(200))");
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO filler VALUES (?, ?)")) {
                for (int i = from; i < from + rows; i++) {
                    insert.setLong(1, i);
                    insert.setString(2, "row " + i + " of a table big enough to have pages below its root");
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            c.commit();
            writtenToChunks(c);
        }
    }

    /**
     * Puts the rows in chunks on the file, as H2's own background writes would. One {@code
     * CHECKPOINT} may not be enough: H2 skips one that comes while its background writer is
     * storing, and an observation then names a chunk written before the rows.
     */
    private static void writtenToChunks(Connection c) throws SQLException {
        MVStore store = H2FileCheck.mvStore(c);
        try (Statement s = c.createStatement()) {
            for (int attempt = 0; attempt < 500; attempt++) {
                s.execute("CHECKPOINT");
                // and the newest chunk written: H2 may serialize a chunk on another thread
                if (!store.hasUnsavedChanges()
                        && store.getFileStore().lastChunkVersion() == store.getCurrentVersion()) {
                    return;
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("H2 had not written its newest chunk after 500 checkpoints");
    }

    /** Stops H2 the way a kill does: without its last write or a compaction. */
    private static void kill(Database database) throws SQLException {
        try (Connection c = database.dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute("SHUTDOWN IMMEDIATELY");
        } catch (SQLException closedUnderIt) {
            if (closedUnderIt.getErrorCode() != org.h2.api.ErrorCode.DATABASE_CALLED_AT_SHUTDOWN) {
                throw closedUnderIt;
            }
        }
    }

    private Connection reopen() throws SQLException {
        return DriverManager.getConnection(url, "", "");
    }

    /** Zeroes the header of the chunk that holds the first page below the filler table's root. */
    @SuppressWarnings("unchecked")
    private void zeroHeaderOfATrustedChunk(Connection connection, long through) throws Exception {
        MVStore store = H2FileCheck.mvStore(connection);
        var getChunks = FileStore.class.getDeclaredMethod("getChunks");
        getChunks.setAccessible(true);
        Map<Integer, Chunk<?>> chunks = (Map<Integer, Chunk<?>>) getChunks.invoke(store.getFileStore());
        Chunk<?> chunk = null;
        for (String name : store.getMapNames()) {
            String id = store.getMetaMap().get("name." + name);
            MVMap<Object, Object> map = id == null ? null : store.getMap(DataUtils.parseHexInt(id));
            Page<Object, Object> root = map == null ? null : map.getRootPage();
            if (root == null || root.isLeaf()) {
                continue;
            }
            Chunk<?> holding = chunks.get(DataUtils.getPageChunkId(root.getChildPagePos(0)));
            if (holding != null && holding.version <= through) {
                chunk = holding;
                break;
            }
        }
        assertThat(chunk).as("a trusted chunk holding a page").isNotNull();
        try (RandomAccessFile file =
                new RandomAccessFile(dataDir.resolve("royaltydesk.mv.db").toFile(), "rw")) {
            file.seek(chunk.block * 4096); // H2's block size
            file.write(new byte[64]);
        }
    }
}
