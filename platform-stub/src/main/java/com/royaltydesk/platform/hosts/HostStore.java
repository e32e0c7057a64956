package com.royaltydesk.platform.hosts;

import com.royaltydesk.platform.db.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Hosts and the models each serves, on the {@code hosts} and {@code host_models} tables, on the caller's connection. */
final class HostStore {

    void insert(Connection connection, String hostId, String displayName, Instant createdAt) throws SQLException {
        try (PreparedStatement insert =
                connection.prepareStatement("INSERT INTO hosts (host_id, display_name, created_at) VALUES (?, ?, ?)")) {
            insert.setString(1, hostId);
            insert.setString(2, displayName);
            insert.setTimestamp(3, Jdbc.timestamp(createdAt));
            insert.executeUpdate();
        }
    }

    /** Locks the host's row until the transaction ends; false when there is no such host. */
    boolean lock(Connection connection, String hostId) throws SQLException {
        try (PreparedStatement exists =
                connection.prepareStatement("SELECT 1 FROM hosts WHERE host_id = ? FOR UPDATE")) {
            exists.setString(1, hostId);
            try (ResultSet row = exists.executeQuery()) {
                return row.next();
            }
        }
    }

    /** The host's models, at most {@code atMost} of them (the caller asks for one more than it allows). */
    Set<String> models(Connection connection, String hostId, int atMost) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT model_id FROM host_models WHERE host_id = ? LIMIT " + atMost)) {
            select.setString(1, hostId);
            Set<String> models = new HashSet<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    models.add(rows.getString(1));
                }
            }
            return models;
        }
    }

    void replaceModels(Connection connection, String hostId, List<String> models) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM host_models WHERE host_id = ?")) {
            delete.setString(1, hostId);
            delete.executeUpdate();
        }
        try (PreparedStatement insert =
                connection.prepareStatement("INSERT INTO host_models (host_id, model_id) VALUES (?, ?)")) {
            for (String model : models) {
                insert.setString(1, hostId);
                insert.setString(2, model);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
