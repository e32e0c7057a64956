package com.royaltydesk.platform.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Explicit transactions over a {@link DataSource}: commit on success, roll back on any failure, and
 * answer only once the commit is durable.
 */
public final class Jdbc {

    /** Work done inside one transaction. */
    @FunctionalInterface
    public interface TransactionWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final GroupCommit durability;

    public Jdbc(DataSource dataSource) {
        this(dataSource, new GroupCommit(dataSource, false));
    }

    /** Transactions that return only once their commit is durable (see {@link GroupCommit}). */
    public Jdbc(DataSource dataSource, GroupCommit durability) {
        this.dataSource = dataSource;
        this.durability = durability;
    }

    /** Runs {@code work} in one transaction; returns after the commit is on disk. */
    public <T> T inTransaction(TransactionWork<T> work) {
        T result = inTransactionNotYetDurable(work);
        durability.awaitDurable();
        return result;
    }

    /**
     * Runs {@code work} in one transaction and returns at commit, before the commit is on disk: for
     * a caller that makes its write durable another way (the usage journal, decision 0017).
     */
    public <T> T inTransactionWithoutWaiting(TransactionWork<T> work) {
        return inTransactionNotYetDurable(work);
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

    private <T> T inTransactionNotYetDurable(TransactionWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.apply(connection);
                connection.commit();
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
