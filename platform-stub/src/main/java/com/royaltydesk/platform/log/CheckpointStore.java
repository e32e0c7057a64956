package com.royaltydesk.platform.log;

import com.royaltydesk.platform.db.DataAccessException;
import com.royaltydesk.platform.db.Jdbc;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The log's own records: its origin (made once per database and never changed), every signed
 * checkpoint, the witnesses it accepts and the cosignatures they sent.
 */
public final class CheckpointStore {

    /** Cosignatures served with one checkpoint; a witness set larger than this is a mistake. */
    public static final int MAX_COSIGNATURES = 100;
    /** Witnesses a platform accepts cosignatures from. */
    public static final int MAX_WITNESSES = 100;

    private static final String ORIGIN_SETTING = "log_origin";
    private static final String UNIQUE_VIOLATION = "23505";

    /** A witness the log accepts cosignatures from. */
    public record Witness(String name, String keyId, String vkey) {}

    private final DataSource dataSource;
    private final Jdbc jdbc;
    private final Clock clock;

    public CheckpointStore(DataSource dataSource, Jdbc jdbc, Clock clock) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * The log's origin line, made on first use: a name unique to this database, so two sandboxes
     * (or a sandbox reset) are two logs to a verifier, never one log that forked.
     */
    public String origin(boolean sandbox) {
        Optional<String> existing = setting(ORIGIN_SETTING);
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        String origin = "log.royaltydesk/" + (sandbox ? "sandbox-" : "")
                + HexFormat.of().formatHex(random);
        // Another instance may make it first; its origin wins.
        insertUnlessPresent(
                "INSERT INTO platform_settings (setting_name, setting_value, updated_at) VALUES (?, ?, ?)", insert -> {
                    insert.setString(1, ORIGIN_SETTING);
                    insert.setString(2, origin);
                    insert.setTimestamp(3, Jdbc.timestamp(clock.instant()));
                });
        return setting(ORIGIN_SETTING).orElseThrow(() -> new IllegalStateException("the log has no origin"));
    }

    public Optional<StoredCheckpoint> newest() {
        return one(
                "SELECT tree_size, root_hash, kid, signed_at, note FROM log_checkpoints"
                        + " ORDER BY tree_size DESC LIMIT 1",
                null);
    }

    public Optional<StoredCheckpoint> atSize(long treeSize) {
        return one(
                "SELECT tree_size, root_hash, kid, signed_at, note FROM log_checkpoints WHERE tree_size = ?", treeSize);
    }

    /** Stores a new checkpoint; false if one of that size was stored first (by another thread or instance). */
    public boolean insert(StoredCheckpoint checkpoint) {
        return insertUnlessPresent(
                "INSERT INTO log_checkpoints (tree_size, root_hash, kid, signed_at, note) VALUES (?, ?, ?, ?, ?)",
                insert -> {
                    insert.setLong(1, checkpoint.treeSize());
                    insert.setString(2, checkpoint.rootHash());
                    insert.setString(3, checkpoint.kid());
                    insert.setTimestamp(4, Jdbc.timestamp(checkpoint.signedAt()));
                    insert.setString(5, checkpoint.note());
                });
    }

    /** The cosignature lines received for the checkpoint of {@code treeSize}, oldest first. */
    public List<String> cosignatures(long treeSize) {
        return jdbc.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT signature_line FROM log_cosignatures WHERE tree_size = ? ORDER BY received_at, witness_name"
                            + " LIMIT " + MAX_COSIGNATURES)) {
                select.setLong(1, treeSize);
                List<String> lines = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        lines.add(rows.getString(1));
                    }
                }
                return lines;
            }
        });
    }

    /** Keeps a witness's cosignature; a second one from the same witness for the same size changes nothing. */
    public void addCosignature(long treeSize, Witness witness, String line) {
        insertUnlessPresent(
                "INSERT INTO log_cosignatures (tree_size, witness_name, key_id, signature_line, received_at)"
                        + " VALUES (?, ?, ?, ?, ?)",
                insert -> {
                    insert.setLong(1, treeSize);
                    insert.setString(2, witness.name());
                    insert.setString(3, witness.keyId());
                    insert.setString(4, line);
                    insert.setTimestamp(5, Jdbc.timestamp(clock.instant()));
                });
    }

    public List<Witness> witnesses() {
        return jdbc.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT witness_name, key_id, vkey FROM log_witnesses ORDER BY created_at LIMIT "
                            + MAX_WITNESSES)) {
                List<Witness> witnesses = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        witnesses.add(new Witness(rows.getString(1), rows.getString(2), rows.getString(3)));
                    }
                }
                return witnesses;
            }
        });
    }

    /** Adds a witness; false if it was already known. */
    public boolean addWitness(Witness witness) {
        return insertUnlessPresent(
                "INSERT INTO log_witnesses (witness_name, key_id, vkey, created_at) VALUES (?, ?, ?, ?)", insert -> {
                    insert.setString(1, witness.name());
                    insert.setString(2, witness.keyId());
                    insert.setString(3, witness.vkey());
                    insert.setTimestamp(4, Jdbc.timestamp(clock.instant()));
                });
    }

    /** Binds the parameters of one insert. */
    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement insert) throws SQLException;
    }

    /** Runs one insert in its own transaction; false when the row's key was already there (another writer won). */
    private boolean insertUnlessPresent(String sql, Binder binder) {
        try {
            jdbc.inTransaction(connection -> {
                try (PreparedStatement insert = connection.prepareStatement(sql)) {
                    binder.bind(insert);
                    insert.executeUpdate();
                }
                return null;
            });
            return true;
        } catch (DataAccessException e) {
            if (e.getCause() instanceof SQLException cause && UNIQUE_VIOLATION.equals(cause.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    private Optional<String> setting(String name) {
        return jdbc.read(connection -> {
            try (PreparedStatement select =
                    connection.prepareStatement("SELECT setting_value FROM platform_settings WHERE setting_name = ?")) {
                select.setString(1, name);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
                }
            }
        });
    }

    private Optional<StoredCheckpoint> one(String sql, Long size) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            if (size != null) {
                select.setLong(1, size);
            }
            try (ResultSet row = select.executeQuery()) {
                return row.next()
                        ? Optional.of(new StoredCheckpoint(
                                row.getLong(1),
                                row.getString(2),
                                row.getString(3),
                                Jdbc.instant(row.getTimestamp(4)),
                                row.getString(5)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }
}
