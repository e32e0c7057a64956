package com.royaltydesk.platform.receipts;

import com.royaltydesk.platform.db.DataAccessException;
import com.royaltydesk.platform.db.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
    private final PrivateKeySeal seal;

    public JdbcSigningKeyStore(DataSource dataSource, PrivateKeySeal seal) {
        this.dataSource = dataSource;
        this.seal = seal;
    }

    /** Whether any private key in this database is sealed already (so its key-encryption key must exist). */
    public static boolean anySealed(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT private_jwk FROM signing_keys");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                if (PrivateKeySeal.isSealed(rows.getString(1))) {
                    return true;
                }
            }
            return false;
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /**
     * Opens every private key with this store's seal and seals it again with {@code next}, in one
     * transaction: either every key moves to the new key-encryption key or none does. Returns how
     * many keys were resealed.
     */
    public int resealAll(Jdbc jdbc, PrivateKeySeal next) {
        return jdbc.inTransaction(connection -> {
            List<String[]> rows = new ArrayList<>();
            try (PreparedStatement select =
                            connection.prepareStatement("SELECT kid, private_jwk FROM signing_keys FOR UPDATE");
                    ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new String[] {result.getString(1), result.getString(2)});
                }
            }
            for (String[] row : rows) {
                try (PreparedStatement update =
                        connection.prepareStatement("UPDATE signing_keys SET private_jwk = ? WHERE kid = ?")) {
                    update.setString(1, next.seal(row[0], seal.open(row[0], row[1])));
                    update.setString(2, row[0]);
                    update.executeUpdate();
                }
            }
            return rows.size();
        });
    }

    /**
     * Seals every private key stored in plaintext (by a platform from before sealing), then opens
     * every key once, so a wrong key-encryption key or an altered row stops the start, not a
     * signature later. Returns how many were sealed.
     */
    public int sealPlaintextKeysAndCheckAll(Jdbc jdbc) {
        int sealed = jdbc.inTransaction(connection -> {
            List<String[]> plaintext = new ArrayList<>();
            try (PreparedStatement select =
                            connection.prepareStatement("SELECT kid, private_jwk FROM signing_keys FOR UPDATE");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    if (!PrivateKeySeal.isSealed(rows.getString(2))) {
                        plaintext.add(new String[] {rows.getString(1), rows.getString(2)});
                    }
                }
            }
            int count = 0;
            for (String[] row : plaintext) {
                try (PreparedStatement update =
                        connection.prepareStatement("UPDATE signing_keys SET private_jwk = ? WHERE kid = ?")) {
                    update.setString(1, seal.seal(row[0], seal.open(row[0], row[1])));
                    update.setString(2, row[0]);
                    count += update.executeUpdate();
                }
            }
            return count;
        });
        all();
        return sealed;
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
            insert.setString(5, seal.seal(key.kid(), key.privateJwk()));
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

    private SigningKey read(ResultSet row) throws SQLException {
        String kid = row.getString("kid");
        return new SigningKey(
                kid,
                SigningAlgorithm.fromJws(row.getString("alg")),
                KeyPurpose.valueOf(row.getString("purpose").toUpperCase(java.util.Locale.ROOT)),
                row.getString("environment"),
                seal.open(kid, row.getString("private_jwk")),
                Jdbc.instant(row.getTimestamp("created_at")),
                Jdbc.instant(row.getTimestamp("retired_at")),
                Jdbc.instant(row.getTimestamp("verify_until")),
                Jdbc.instant(row.getTimestamp("valid_until")));
    }
}
