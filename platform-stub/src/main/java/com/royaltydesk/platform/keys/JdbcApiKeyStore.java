package com.royaltydesk.platform.keys;

import com.royaltydesk.platform.db.DataAccessException;
import com.royaltydesk.platform.db.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link ApiKeyStore} on the {@code api_keys} table. */
public final class JdbcApiKeyStore implements ApiKeyStore {

    private final DataSource dataSource;
    private final Jdbc jdbc;

    public JdbcApiKeyStore(DataSource dataSource, Jdbc jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    @Override
    public void insert(
            Connection connection,
            String keyId,
            String keyHash,
            String keyPrefix,
            Role role,
            String ownerId,
            Instant now)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO api_keys (key_id, key_hash, key_prefix, role, creator_id, host_id, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, keyId);
            insert.setString(2, keyHash);
            insert.setString(3, keyPrefix);
            insert.setString(4, role.wireName());
            insert.setString(5, role == Role.CREATOR ? ownerId : null);
            insert.setString(6, role == Role.HOST ? ownerId : null);
            insert.setTimestamp(7, Jdbc.timestamp(now));
            insert.executeUpdate();
        }
    }

    @Override
    public boolean anyLive(Connection connection, Role role) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT 1 FROM api_keys WHERE role = ? AND revoked_at IS NULL FETCH FIRST 1 ROWS ONLY")) {
            select.setString(1, role.wireName());
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    @Override
    public Optional<Principal> findLiveByHash(String keyHash) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT key_id, role, creator_id, host_id FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL")) {
            select.setString(1, keyHash);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Principal(
                        row.getString("key_id"),
                        Role.fromWireName(row.getString("role")),
                        row.getString("creator_id"),
                        row.getString("host_id")));
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    @Override
    public boolean revoke(String keyId, Instant now) {
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE api_keys SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL")) {
                update.setTimestamp(1, Jdbc.timestamp(now));
                update.setString(2, keyId);
                return update.executeUpdate() == 1;
            }
        });
    }
}
