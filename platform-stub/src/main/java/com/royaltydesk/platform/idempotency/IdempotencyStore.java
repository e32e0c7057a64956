package com.royaltydesk.platform.idempotency;

import com.royaltydesk.platform.db.DataAccessException;
import com.royaltydesk.platform.db.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Remembers which result an {@code Idempotency-Key} produced, with a hash of the request body, so a
 * retry gets the same result and a reused key with another body is refused.
 */
public final class IdempotencyStore {

    /** A remembered key: the body it came with and the id of what it made. */
    public record Entry(String requestSha256, String resultId) {}

    private final DataSource dataSource;

    public IdempotencyStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<Entry> find(String scope, String key) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT request_sha256, result_id FROM idempotency_records WHERE scope = ? AND idem_key = ?")) {
            select.setString(1, scope);
            select.setString(2, key);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new Entry(row.getString(1), row.getString(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** Inside the transaction that makes the result; a concurrent twin fails on the primary key. */
    public void insert(
            Connection connection, String scope, String key, String requestSha256, String resultId, Instant now)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO idempotency_records (scope, idem_key, request_sha256, result_id, created_at) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, scope);
            insert.setString(2, key);
            insert.setString(3, requestSha256);
            insert.setString(4, resultId);
            insert.setTimestamp(5, Jdbc.timestamp(now));
            insert.executeUpdate();
        }
    }
}
