package com.royaltydesk.platform.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Locks that several platform instances on one PostgreSQL database share, held until the calling
 * transaction ends (PostgreSQL advisory locks). On H2 they do nothing: one process holds the file,
 * and its own in-memory locks are enough.
 */
public final class TransactionLocks {

    private TransactionLocks() {}

    /** Waits while any instance holds {@code key} exclusively; others may share it meanwhile. */
    public static void shared(Connection transaction, Dialect dialect, long key) throws SQLException {
        lock(transaction, dialect, "SELECT pg_advisory_xact_lock_shared(?)", key);
    }

    /** Waits until no instance holds {@code key} in any way, then holds it alone. */
    public static void exclusive(Connection transaction, Dialect dialect, long key) throws SQLException {
        lock(transaction, dialect, "SELECT pg_advisory_xact_lock(?)", key);
    }

    private static void lock(Connection transaction, Dialect dialect, String sql, long key) throws SQLException {
        if (dialect != Dialect.POSTGRESQL) {
            return;
        }
        try (PreparedStatement statement = transaction.prepareStatement(sql)) {
            statement.setLong(1, key);
            statement.execute();
        }
    }
}
