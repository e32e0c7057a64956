package com.royaltydesk.platform.creators;

import com.royaltydesk.platform.db.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

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

    @Override
    public boolean updateKyc(Connection connection, String creatorId, KycStatus kyc) throws SQLException {
        try (PreparedStatement update =
                connection.prepareStatement("UPDATE creators SET kyc_status = ? WHERE creator_id = ?")) {
            update.setString(1, kyc.wireName());
            update.setString(2, creatorId);
            return update.executeUpdate() == 1;
        }
    }

    @Override
    public Optional<CreatorService.Profile> find(Connection connection, String creatorId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT creator_id, display_name, kyc_status, created_at FROM creators WHERE creator_id = ?")) {
            select.setString(1, creatorId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new CreatorService.Profile(
                        row.getString(1),
                        row.getString(2),
                        KycStatus.valueOf(row.getString(3).toUpperCase(java.util.Locale.ROOT)),
                        Jdbc.instant(row.getTimestamp(4))));
            }
        }
    }
}
