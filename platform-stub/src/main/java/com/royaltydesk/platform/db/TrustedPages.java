package com.royaltydesk.platform.db;

import com.royaltydesk.platform.core.BootId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.api.ErrorCode;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.tx.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which pages of the H2 file a start after a {@code kill -9} need not read again (decision 0030):
 * those of chunks H2 had written before an observation after which every transaction then open
 * has ended. The row ({@value PagesTrustedAfterAKill#TABLE}) names the file (H2's creation time in
 * its header), the boot of the operating system and the last chunk version of the observation.
 *
 * <p>Why such pages can be trusted. A kill leaves every byte written in the page cache, on the same
 * boot; what it damaged in the crash runs was H2's state at the moment of the kill (a commit left
 * unfinished, entries marked by a transaction that had gone, commits lost) — in pages written just
 * before it. An entry's mark is written by its transaction and cleared, by a rewrite into a newer
 * chunk, when the transaction ends; so a mark in an older chunk belongs to a transaction open at the
 * observation, and the row is written only after all of those ended. H2 keeps commits in order: a
 * file that holds the row holds those ends. A file that lost the row has an older one, or none, and
 * the start reads more. Another file (a restore writes a new one), another boot, or no boot id:
 * every page is read, as before.
 */
public final class TrustedPages implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrustedPages.class);

    /**
     * How often a serving platform observes: after a kill, the next start reads the pages of at most
     * about two of these (the last observation is recorded only at the one after it).
     */
    static final Duration EVERY = Duration.ofSeconds(5);

    /**
     * {@value}: milliseconds between observations instead of {@link #EVERY}, 100–60,000 — for the
     * crash harness, whose kills come within seconds of a start (decision 0030).
     */
    public static final String EVERY_PROPERTY = "rdk.trusted-pages.every-ms";

    private final DataSource dataSource;
    private final Optional<UUID> boot;
    private Observation previous;
    /** The version recorded last by this observer; none yet: -1. */
    private long lastRecorded = -1;

    private ScheduledExecutorService observer;

    /** The newest chunk's version, and the open transactions' sequence numbers, at one moment. */
    record Observation(long chunkVersion, long oldestOpen, long youngestOpen) {}

    public TrustedPages(DataSource dataSource) {
        this(dataSource, BootId.current());
    }

    TrustedPages(DataSource dataSource, Optional<UUID> boot) {
        this.dataSource = dataSource;
        this.boot = boot;
    }

    /**
     * Observes now, and records the observation before once every transaction open at it has
     * ended and something besides the last record was written since it. Returns the chunk version
     * recorded, if any. Without a boot id nothing is recorded.
     */
    OptionalLong observe() { // one thread at a time: the observer's, or a test's
        if (boot.isEmpty()) {
            return OptionalLong.empty();
        }
        try (Connection connection = dataSource.getConnection()) {
            MVStore store = H2FileCheck.mvStore(connection);
            Observation now = observation(connection, store);
            OptionalLong recorded = OptionalLong.empty();
            if (previous != null
                    && now.oldestOpen() > previous.youngestOpen()
                    // One version past the last record is that record's own write: an idle
                    // platform would otherwise write a chunk every observation, forever.
                    && previous.chunkVersion() > lastRecorded + 1) {
                record(connection, store.getFileStore().getCreationTime(), previous.chunkVersion());
                lastRecorded = previous.chunkVersion();
                recorded = OptionalLong.of(previous.chunkVersion());
            }
            previous = now;
            return recorded;
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    private static Observation observation(Connection connection, MVStore store) throws SQLException {
        long version = store.getFileStore().lastChunkVersion();
        long oldest = Long.MAX_VALUE;
        long youngest = Long.MIN_VALUE;
        for (Transaction t : H2FileCheck.transactionStore(connection).getOpenTransactions()) {
            oldest = Math.min(oldest, t.getSequenceNum());
            youngest = Math.max(youngest, t.getSequenceNum());
        }
        return new Observation(version, oldest, youngest);
    }

    private void record(Connection connection, long fileCreated, long throughVersion) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement delete = connection.createStatement();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO " + PagesTrustedAfterAKill.TABLE
                        + " (file_created, boot_id, through_version) VALUES (?, ?, ?)")) {
            delete.execute("DELETE FROM " + PagesTrustedAfterAKill.TABLE);
            insert.setLong(1, fileCreated);
            insert.setString(2, boot.orElseThrow().toString());
            insert.setLong(3, throughVersion);
            insert.executeUpdate();
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /**
     * At a start, before anything is written: the chunk version through which this file's pages
     * are trusted, when the row names this very file and this boot (and no version the file does
     * not have); empty otherwise, and on a database older than V19.
     */
    static OptionalLong atStart(Connection connection, Optional<UUID> boot) throws SQLException {
        if (boot.isEmpty()) {
            return OptionalLong.empty();
        }
        MVStore store = H2FileCheck.mvStore(connection);
        try (Statement s = connection.createStatement();
                ResultSet row = s.executeQuery(
                        "SELECT file_created, boot_id, through_version FROM " + PagesTrustedAfterAKill.TABLE)) {
            if (!row.next()
                    || row.getLong(1) != store.getFileStore().getCreationTime()
                    || !boot.get().toString().equals(row.getString(2))
                    || row.getLong(3) > store.getFileStore().lastChunkVersion()) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(row.getLong(3));
        } catch (SQLException e) {
            if (e.getErrorCode() == ErrorCode.TABLE_OR_VIEW_NOT_FOUND_1
                    || e.getErrorCode() == ErrorCode.TABLE_OR_VIEW_NOT_FOUND_DATABASE_EMPTY_1) {
                return OptionalLong.empty(); // a database from before V19: every page is read
            }
            throw e;
        }
    }

    /** {@link #EVERY}, or what {@value #EVERY_PROPERTY} says; a value out of its bounds stops the start. */
    static Duration every() {
        String set = System.getProperty(EVERY_PROPERTY);
        if (set == null) {
            return EVERY;
        }
        long millis;
        try {
            millis = Long.parseLong(set.strip());
        } catch (NumberFormatException e) {
            millis = -1;
        }
        if (millis < 100 || millis > 60_000) {
            throw new IllegalArgumentException(EVERY_PROPERTY + " must be milliseconds from 100 to 60000, was " + set);
        }
        return Duration.ofMillis(millis);
    }

    /** Observes every {@link #every()} until {@link #close}; a failure is logged and tried again. */
    public synchronized void observeWhileServing() {
        if (observer != null || boot.isEmpty()) {
            return;
        }
        long millis = every().toMillis();
        observer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "h2-trusted-pages");
            thread.setDaemon(true);
            return thread;
        });
        observer.scheduleWithFixedDelay(
                () -> {
                    try {
                        observe();
                    } catch (RuntimeException e) {
                        LOG.warn(
                                "the file's trusted pages were not recorded; trying again in {}: {}",
                                EVERY,
                                e.toString());
                    }
                },
                millis,
                millis,
                TimeUnit.MILLISECONDS);
    }

    /**
     * Stops observing. Waits for an observation under way without interrupting it: an interrupt
     * inside H2's file I/O closes the file for every thread (decision 0017, session 9).
     */
    @Override
    public synchronized void close() {
        if (observer != null) {
            observer.shutdown();
            try {
                observer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            observer = null;
        }
    }
}
