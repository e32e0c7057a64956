package com.royaltydesk.platform.creators;

import com.royaltydesk.platform.db.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** {@link CreatorStore} on the {@code creators} table. */
public final class JdbcCreatorStore implements CreatorStore {

    @Override
    public void insert(Connection connection, String creatorId, String displayName, KycStatus kyc, Instant now)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO creators (creator_id, display_name, kyc_status, created_at) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, creatorId);
            insert.setString(2, displayName);
            insert.setString(3, kyc.wireName());
            insert.setTimestamp(4, Jdbc.timestamp(now));
            insert.executeUpdate();
        }
    }

    @Override
    public boolean exists(Connection connection, String creatorId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM creators WHERE creator_id = ?")) {
            select.setString(1, creatorId);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }
}
