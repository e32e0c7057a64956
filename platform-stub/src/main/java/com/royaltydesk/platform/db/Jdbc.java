package com.royaltydesk.platform.db;

import com.royaltydesk.platform.journal.ChangeJournal;
import com.royaltydesk.platform.journal.RowChanges;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Explicit transactions over a {@link DataSource}: commit on success, roll back on any failure, and
 * answer only once the commit is durable. On the platform's own H2 file an ordinary transaction's
 * rows also go into the {@link ChangeJournal} before it is answered, and that record is what the
 * answer rests on (decision 0017); H2's shared checkpoint is kept too (decision 0021 says why).
 */
public final class Jdbc {

    /** Work done inside one transaction. */
    @FunctionalInterface
    public interface TransactionWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final GroupCommit durability;
    private final ChangeJournal changes;

    public Jdbc(DataSource dataSource) {
        this(dataSource, new GroupCommit(dataSource, false), null);
    }

    /**
     * Transactions that return only once their commit is durable (see {@link GroupCommit}) and,
     * given a change journal, once what they changed is in it.
     */
    public Jdbc(DataSource dataSource, GroupCommit durability, ChangeJournal changes) {
        this.dataSource = dataSource;
        this.durability = durability;
        this.changes = changes;
    }

    /** Runs {@code work} in one transaction; returns after the commit (and its journal record) is on disk. */
    public <T> T inTransaction(TransactionWork<T> work) {
        if (changes == null) {
            T result = inTransactionNotYetDurable(work, null);
            durability.awaitDurable();
            return result;
        }
        long[] record = {0};
        T result;
        try (RowChanges.Scope scope = RowChanges.capture()) {
            result = inTransactionNotYetDurable(
                    work, connection -> record[0] = changes.commit(connection, scope.changes()));
        }
        durability.awaitDurable();
        if (record[0] > 0) {
            changes.awaitDurable(record[0]);
        } else {
            changes.awaitVisibleDurable();
        }
        return result;
    }

    /**
     * The same for delivery bookkeeping a rebuild need not bring back (webhook attempts and
     * deliveries; a delivery is at least once): no change-journal record.
     */
    public <T> T inTransactionNotJournaled(TransactionWork<T> work) {
        T result;
        try (RowChanges.Scope ignored = RowChanges.unjournaled()) {
            result = inTransactionNotYetDurable(work, null);
        }
        durability.awaitDurable();
        return result;
    }

    /**
     * Runs {@code work} in one transaction and returns at commit, before the commit is on disk, with
     * no change-journal record: for a usage batch, which its own journal makes durable (decision
     * 0023), and for a journal's replay at start, which makes H2 durable once it is done.
     */
    public <T> T inTransactionWithoutWaiting(TransactionWork<T> work) {
        try (RowChanges.Scope ignored = RowChanges.unjournaled()) {
            return inTransactionNotYetDurable(work, null);
        }
    }

    /** The change journal's replay at start: each record in one transaction, gathered by no journal. */
    public ChangeJournal.Transactions replayTransactions() {
        return work -> inTransactionWithoutWaiting(connection -> {
            work.apply(connection);
            return null;
        });
    }

    /** Returns once everything committed before the call is on disk. */
    public void makeDurable() {
        durability.awaitDurable();
    }

    /** Whether commits on this database wait to be written out (H2 files do, PostgreSQL does not). */
    public boolean commitsNeedWaiting() {
        return durability.enabled();
    }

    /** Runs read-only work on a connection of its own: nothing to commit, so nothing to wait for. */
    public <T> T read(TransactionWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** How a transaction commits: plainly, or through the change journal. */
    @FunctionalInterface
    private interface Commit {
        void commit(Connection connection) throws SQLException;
    }

    private <T> T inTransactionNotYetDurable(TransactionWork<T> work, Commit commit) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.apply(connection);
                if (commit == null) {
                    connection.commit();
                } else {
                    commit.commit(connection);
                }
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    public static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    public static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
