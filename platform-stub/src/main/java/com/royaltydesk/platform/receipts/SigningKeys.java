package com.royaltydesk.platform.receipts;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.royaltydesk.platform.Ids;
import com.royaltydesk.platform.db.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The platform's signing keys: the active key per purpose (made on first use), rotation, and the
 * public JWKS. The active key is read from the database on every signature, never cached, so
 * every instance on one database signs with the key the last rotation chose.
 */
public final class SigningKeys {

    private final Jdbc jdbc;
    private final SigningKeyStore store;
    private final Clock clock;
    private final SigningAlgorithm defaultAlgorithm;
    private final Duration receiptLifetime;
    private final Map<String, SigningKey> byKid = new ConcurrentHashMap<>();

    public SigningKeys(
            Jdbc jdbc,
            SigningKeyStore store,
            Clock clock,
            SigningAlgorithm defaultAlgorithm,
            Duration receiptLifetime) {
        this.jdbc = jdbc;
        this.store = store;
        this.clock = clock;
        this.defaultAlgorithm = defaultAlgorithm;
        this.receiptLifetime = receiptLifetime;
    }

    /** The key to sign with now for {@code purpose}; creates the first one if there is none. */
    public SigningKey active(KeyPurpose purpose) {
        String kid = store.activeKid(purpose)
                .orElseGet(() -> jdbc.inTransaction(connection -> store.lockActiveKid(connection, purpose)
                        .orElseGet(() -> createAndActivate(connection, purpose, defaultAlgorithm))));
        return find(kid);
    }

    /**
     * Makes a new active key for {@code purpose}. The old one is retired but stays in the JWKS until
     * the last receipt it may have signed expires, so receipts signed before still verify.
     */
    public SigningKey rotate(KeyPurpose purpose, SigningAlgorithm algorithm) {
        String kid = jdbc.inTransaction(connection -> {
            Instant now = clock.instant();
            store.lockActiveKid(connection, purpose)
                    .ifPresent(old -> uncheckedRetire(connection, old, now, now.plus(receiptLifetime)));
            return createAndActivate(connection, purpose, algorithm);
        });
        return find(kid);
    }

    public SigningKey find(String kid) {
        return byKid.computeIfAbsent(
                kid, id -> store.find(id).orElseThrow(() -> new IllegalStateException("no signing key " + id)));
    }

    /** Public keys that may still verify a live receipt or checkpoint. */
    public JWKSet publicJwks() {
        List<JWK> keys = store.verifiable(clock.instant()).stream()
                .map(SigningKey::publicJwk)
                .toList();
        return new JWKSet(keys);
    }

    private String createAndActivate(Connection connection, KeyPurpose purpose, SigningAlgorithm algorithm) {
        try {
            String prefix = purpose == KeyPurpose.SANDBOX ? "sandbox" : "rk";
            String kid = Ids.newId(prefix);
            JWK jwk = algorithm.generate(kid);
            store.insert(connection, new SigningKey(kid, algorithm, purpose, jwk, clock.instant(), null, null));
            store.setActive(connection, purpose, kid);
            return kid;
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a " + algorithm + " key", e);
        } catch (SQLException e) {
            throw new com.royaltydesk.platform.db.DataAccessException(e);
        }
    }

    private void uncheckedRetire(Connection connection, String kid, Instant now, Instant verifyUntil) {
        try {
            store.retire(connection, kid, now, verifyUntil);
            byKid.remove(kid);
        } catch (SQLException e) {
            throw new com.royaltydesk.platform.db.DataAccessException(e);
        }
    }
}
