package com.royaltydesk.platform.receipts;

import com.nimbusds.jose.jwk.JWK;
import com.royaltydesk.platform.db.DataAccessException;
import com.royaltydesk.platform.db.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link SigningKeyStore} on {@code signing_keys} and {@code active_signing_keys}. */
public final class JdbcSigningKeyStore implements SigningKeyStore {

    /** More keys than this in the JWKS would mean rotation has gone wrong. */
    private static final int MAX_VERIFIABLE = 100;
    /** The trust root lists every key ever made; past this many something is wrong, and it says so. */
    public static final int MAX_KEYS = 1_000;

    private static final String COLUMNS =
            "kid, alg, purpose, environment, private_jwk, created_at, retired_at, verify_until, valid_until";

    private final DataSource dataSource;

    public JdbcSigningKeyStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<String> lockActiveKid(Connection connection, KeyPurpose purpose) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT kid FROM active_signing_keys WHERE purpose = ? FOR UPDATE")) {
            select.setString(1, purpose.wireName());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.ofNullable(row.getString("kid")) : Optional.empty();
            }
        }
    }

    @Override
    public Optional<String> activeKid(KeyPurpose purpose) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select =
                        connection.prepareStatement("SELECT kid FROM active_signing_keys WHERE purpose = ?")) {
            select.setString(1, purpose.wireName());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.ofNullable(row.getString("kid")) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    @Override
    public void insert(Connection connection, SigningKey key) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO signing_keys (kid, alg, purpose, environment, private_jwk, public_jwk, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, key.kid());
            insert.setString(2, key.algorithm().jws().getName());
            insert.setString(3, key.purpose().wireName());
            insert.setString(4, key.environment());
            insert.setString(5, key.privateJwk().toJSONString());
            insert.setString(6, key.publicJwk().toJSONString());
            insert.setTimestamp(7, Jdbc.timestamp(key.createdAt()));
            insert.executeUpdate();
        }
    }

    @Override
    public void setActive(Connection connection, KeyPurpose purpose, String kid) throws SQLException {
        try (PreparedStatement update =
                connection.prepareStatement("UPDATE active_signing_keys SET kid = ? WHERE purpose = ?")) {
            update.setString(1, kid);
            update.setString(2, purpose.wireName());
            update.executeUpdate();
        }
    }

    @Override
    public void retire(Connection connection, String kid, Instant retiredAt, Instant verifyUntil) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE signing_keys SET retired_at = ?, verify_until = ? WHERE kid = ? AND retired_at IS NULL")) {
            update.setTimestamp(1, Jdbc.timestamp(retiredAt));
            update.setTimestamp(2, Jdbc.timestamp(verifyUntil));
            update.setString(3, kid);
            update.executeUpdate();
        }
    }

    @Override
    public void closeWindow(Connection connection, String kid, Instant end) throws SQLException {
        // A window only ever closes earlier, never reopens or moves later.
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE signing_keys SET valid_until = ? WHERE kid = ? AND (valid_until IS NULL OR valid_until > ?)")) {
            update.setTimestamp(1, Jdbc.timestamp(end));
            update.setString(2, kid);
            update.setTimestamp(3, Jdbc.timestamp(end));
            update.executeUpdate();
        }
    }

    @Override
    public boolean hasSandboxKeys() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT 1 FROM signing_keys WHERE environment = 'sandbox' OR purpose = 'sandbox' FETCH FIRST 1 ROWS ONLY");
                ResultSet row = select.executeQuery()) {
            return row.next();
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    @Override
    public int adoptEnvironment(String environment) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE signing_keys SET environment = ? WHERE environment IS NULL")) {
            update.setString(1, environment);
            return update.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    @Override
    public List<SigningKey> all() {
        List<SigningKey> keys = query(
                "SELECT " + COLUMNS + " FROM signing_keys WHERE created_at > ? ORDER BY created_at, kid LIMIT "
                        + (MAX_KEYS + 1),
                null,
                Instant.EPOCH.minusSeconds(1));
        if (keys.size() > MAX_KEYS) {
            throw new IllegalStateException("more than " + MAX_KEYS + " signing keys: rotation has gone wrong");
        }
        return keys;
    }

    @Override
    public Optional<SigningKey> find(String kid) {
        List<SigningKey> keys = query("SELECT " + COLUMNS + " FROM signing_keys WHERE kid = ?", kid, null);
        return keys.stream().findFirst();
    }

    @Override
    public List<SigningKey> verifiable(Instant now) {
        return query(
                "SELECT " + COLUMNS + " FROM signing_keys WHERE retired_at IS NULL OR verify_until > ?"
                        + " ORDER BY created_at, kid LIMIT " + MAX_VERIFIABLE,
                null,
                now);
    }

    private List<SigningKey> query(String sql, String kid, Instant now) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            if (kid != null) {
                select.setString(1, kid);
            } else {
                select.setTimestamp(1, Jdbc.timestamp(now));
            }
            List<SigningKey> keys = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    keys.add(read(rows));
                }
            }
            return keys;
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    private static SigningKey read(ResultSet row) throws SQLException {
        try {
            return new SigningKey(
                    row.getString("kid"),
                    SigningAlgorithm.fromJws(row.getString("alg")),
                    KeyPurpose.valueOf(row.getString("purpose").toUpperCase(java.util.Locale.ROOT)),
                    row.getString("environment"),
                    JWK.parse(row.getString("private_jwk")),
                    Jdbc.instant(row.getTimestamp("created_at")),
                    Jdbc.instant(row.getTimestamp("retired_at")),
                    Jdbc.instant(row.getTimestamp("verify_until")),
                    Jdbc.instant(row.getTimestamp("valid_until")));
        } catch (ParseException e) {
            throw new IllegalStateException("stored signing key is not a valid JWK", e);
        }
    }
}
