package com.royaltydesk.platform.usage;

import com.royaltydesk.platform.db.Dialect;
import com.royaltydesk.platform.db.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * {@code usage_batches} (V17): what a whole batch's events share — its id, its host, when it
 * arrived — written once, and named by each of its stored events by number. A batch has a row once
 * one of its events is stored; a batch all of whose events were duplicates leaves none.
 */
final class UsageBatchStore {

    private UsageBatchStore() {}

    /** Writes {@code batch}'s row; returns its number. */
    static long insert(Connection connection, Dialect dialect, BatchToStore batch) throws SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO usage_batches (batch_id, host_id, received_at) VALUES (?, ?, ?) RETURNING batch_seq")) {
                bind(insert, batch);
                try (ResultSet r = insert.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO usage_batches (batch_id, host_id, received_at) VALUES (?, ?, ?)",
                new String[] {"BATCH_SEQ"})) {
            bind(insert, batch);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /**
     * On H2, the number of {@code batch}'s row, written now unless there is one already. Batch ids
     * are new for every request, so a row is found only when the usage journal's replay meets a
     * batch whose row H2 kept but not every event (a commit a crash interrupted).
     */
    static long findOrInsertOnH2(Connection connection, BatchToStore batch) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT batch_seq FROM usage_batches WHERE batch_id = ?")) {
            select.setString(1, batch.batchId());
            try (ResultSet r = select.executeQuery()) {
                if (r.next()) {
                    return r.getLong(1);
                }
            }
        }
        return insert(connection, Dialect.H2, batch);
    }

    /** Takes back the row of a batch none of whose events was stored (PostgreSQL writes it first). */
    static void delete(Connection connection, long batchSeq) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM usage_batches WHERE batch_seq = ?")) {
            delete.setLong(1, batchSeq);
            delete.executeUpdate();
        }
    }

    /** The host that sent the batch numbered {@code batchSeq}. */
    static String hostOf(Connection connection, long batchSeq) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT host_id FROM usage_batches WHERE batch_seq = ?")) {
            select.setLong(1, batchSeq);
            try (ResultSet r = select.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalStateException("usage batch row " + batchSeq + " is missing");
                }
                return r.getString(1);
            }
        }
    }

    private static void bind(PreparedStatement insert, BatchToStore batch) throws SQLException {
        insert.setString(1, batch.batchId());
        insert.setString(2, batch.hostId());
        insert.setTimestamp(3, Jdbc.timestamp(batch.receivedAt()));
    }
}
