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

    /**
     * The number of {@code batch}'s row, written now unless there is one already; {@code created}
     * tells which. Batch ids are new for every request, so a row is found only when a journal's
     * replay meets a batch whose row H2 kept but not every event (a commit a crash interrupted).
     */
    static Row findOrInsert(Connection connection, Dialect dialect, BatchToStore batch) throws SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO usage_batches (batch_id, host_id, received_at) VALUES (?, ?, ?)"
                            + " ON CONFLICT (batch_id) DO NOTHING RETURNING batch_seq")) {
                bind(insert, batch);
                try (ResultSet r = insert.executeQuery()) {
                    if (r.next()) {
                        return new Row(r.getLong(1), true);
                    }
                }
            }
            return new Row(existing(connection, batch.batchId()), false);
        }
        long found = existing(connection, batch.batchId());
        if (found != 0) {
            return new Row(found, false);
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO usage_batches (batch_id, host_id, received_at) VALUES (?, ?, ?)",
                new String[] {"BATCH_SEQ"})) {
            bind(insert, batch);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return new Row(keys.getLong(1), true);
            }
        }
    }

    /** Takes back a row {@link #findOrInsert} created for a batch none of whose events was stored. */
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

    private static long existing(Connection connection, String batchId) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT batch_seq FROM usage_batches WHERE batch_id = ?")) {
            select.setString(1, batchId);
            try (ResultSet r = select.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        }
    }

    private static void bind(PreparedStatement insert, BatchToStore batch) throws SQLException {
        insert.setString(1, batch.batchId());
        insert.setString(2, batch.hostId());
        insert.setTimestamp(3, Jdbc.timestamp(batch.receivedAt()));
    }

    /** A batch's row number, and whether this call wrote it. */
    record Row(long batchSeq, boolean created) {}
}
