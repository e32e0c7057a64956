package com.royaltydesk.platform.log;

import com.royaltydesk.platform.core.ApiException;
import com.royaltydesk.platform.db.DataAccessException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The append-only receipt log. Entries are appended by the receipt transaction itself ({@link
 * #reserveNextIndices}); this class reads committed entries into memory in index order (they never
 * change) and answers roots and proofs for any size up to the committed one.
 */
public final class ReceiptLog {

    private static final int LOAD_BATCH = 10_000;

    private final DataSource dataSource;
    private final List<byte[]> leaves = new ArrayList<>();
    private final MerkleTree tree = new MerkleTree(this::leaf);

    public ReceiptLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Inside the caller's transaction: locks the log head and takes the next {@code count} indices
     * in a row, returning the first. The lock is held until commit, so groups of entries are
     * appended one after the other and indices never skip or repeat.
     */
    public static long reserveNextIndices(Connection connection, int count) throws SQLException {
        long index;
        try (PreparedStatement select =
                connection.prepareStatement("SELECT tree_size FROM receipt_log_head WHERE id = 1 FOR UPDATE")) {
            try (ResultSet row = select.executeQuery()) {
                row.next();
                index = row.getLong(1);
            }
        }
        try (PreparedStatement update =
                connection.prepareStatement("UPDATE receipt_log_head SET tree_size = tree_size + ? WHERE id = 1")) {
            update.setInt(1, count);
            update.executeUpdate();
        }
        return index;
    }

    /** Makes the log at least {@code size} long: after receipts were put back from the journal at their indices. */
    public static void growTo(Connection connection, long size) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE receipt_log_head SET tree_size = ? WHERE id = 1 AND tree_size < ?")) {
            update.setLong(1, size);
            update.setLong(2, size);
            update.executeUpdate();
        }
    }

    /** The committed size of the log. */
    /** How the stored log looks: receipts stored, one past the highest index, and the head's tree size. */
    public record Shape(long receipts, long nextIndex, long treeSize) {

        /** Whole: every index up to the head's size holds exactly one receipt. */
        public boolean whole() {
            return receipts == nextIndex && receipts == treeSize;
        }

        /** What is wrong, in words; empty when whole. */
        public Optional<String> problem() {
            return whole()
                    ? Optional.empty()
                    : Optional.of("its receipt log holds " + receipts + " receipts for indexes up to " + (nextIndex - 1)
                            + " and a tree of size " + treeSize);
        }
    }

    public static Shape shape(DataSource dataSource) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT COUNT(*), COALESCE(MAX(log_index) + 1, 0),"
                        + " (SELECT tree_size FROM receipt_log_head WHERE id = 1) FROM receipts");
                ResultSet r = s.executeQuery()) {
            r.next();
            return new Shape(r.getLong(1), r.getLong(2), r.getLong(3));
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    public long size() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select =
                        connection.prepareStatement("SELECT tree_size FROM receipt_log_head WHERE id = 1");
                ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    public synchronized byte[] rootHash(long size) {
        catchUp(size);
        return tree.rootHash(size);
    }

    public synchronized List<byte[]> inclusionProof(long index, long size) {
        catchUp(size);
        return tree.inclusionProof(index, size);
    }

    public synchronized List<byte[]> consistencyProof(long first, long second) {
        catchUp(second);
        return tree.consistencyProof(first, second);
    }

    /** Checks {@code size} against the committed log: 1 ≤ size ≤ current (0 allowed where noted). */
    public long requireSize(long size, String field, boolean allowEmpty) {
        long current = size();
        if (size < (allowEmpty ? 0 : 1) || size > current) {
            throw ApiException.invalid(
                    field, field + " must be between " + (allowEmpty ? 0 : 1) + " and the log's size " + current + ".");
        }
        return size;
    }

    private byte[] leaf(long index) {
        return leaves.get(Math.toIntExact(index));
    }

    private void catchUp(long size) {
        while (leaves.size() < size) {
            load(leaves.size(), Math.min(size, leaves.size() + LOAD_BATCH));
        }
    }

    private void load(long from, long to) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT log_index, leaf_hash FROM receipts WHERE log_index >= ? AND log_index < ? ORDER BY log_index")) {
            select.setLong(1, from);
            select.setLong(2, to);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    if (rows.getLong(1) != leaves.size()) {
                        throw new IllegalStateException("receipt log has a gap at index " + leaves.size());
                    }
                    leaves.add(HexFormat.of().parseHex(rows.getString(2)));
                }
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
        if (leaves.size() < to) {
            throw new IllegalStateException("receipt log ends at " + leaves.size() + ", expected " + to);
        }
    }
}
