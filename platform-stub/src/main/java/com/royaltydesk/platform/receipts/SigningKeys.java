package com.royaltydesk.platform.receipts;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.royaltydesk.platform.core.ApiException;
import com.royaltydesk.platform.db.DataAccessException;
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
 * The platform's signing keys: the active key per purpose (made on first use, {@code kid} = its RFC
 * 7638 thumbprint), rotation, retirement after a compromise, and the public JWKS. The active key is
 * read from the database on every signature, never cached, so every instance on one database signs
 * with the key the last rotation chose. Keys are never deleted: a trust window only closes.
 */
public final class SigningKeys {

    private final Jdbc jdbc;
    private final SigningKeyStore store;
    private final Clock clock;
    private final SigningAlgorithm defaultAlgorithm;
    private final Duration receiptLifetime;
    private final boolean sandboxPlatform;
    private final Map<String, SigningKey> byKid = new ConcurrentHashMap<>();

    public SigningKeys(
            Jdbc jdbc,
            SigningKeyStore store,
            Clock clock,
            SigningAlgorithm defaultAlgorithm,
            Duration receiptLifetime,
            boolean sandboxPlatform) {
        this.jdbc = jdbc;
        this.store = store;
        this.clock = clock;
        this.defaultAlgorithm = defaultAlgorithm;
        this.receiptLifetime = receiptLifetime;
        this.sandboxPlatform = sandboxPlatform;
        // A sandbox's database never becomes a live platform's: its keys signed demo receipts, and a
        // verifier must never see them as live evidence (decision 0016).
        if (!sandboxPlatform && store.hasSandboxKeys()) {
            throw new IllegalStateException("This database belongs to a sandbox (it holds sandbox signing keys);"
                    + " a live platform does not start on it. Start it with --sandbox, or start the live platform"
                    + " on a new database.");
        }
        // Keys made before environments were recorded belong to the mode the platform ran in then,
        // which is the mode it runs in now on every database that predates this column.
        store.adoptEnvironment(sandboxPlatform ? SigningKey.SANDBOX : SigningKey.LIVE);
    }

    /** The key to sign with now for {@code purpose}; creates the first one if there is none. */
    public SigningKey active(KeyPurpose purpose) {
        String kid = store.activeKid(purpose)
                .orElseGet(() -> jdbc.inTransaction(connection -> store.lockActiveKid(connection, purpose)
                        .orElseGet(() ->
                                createAndActivate(connection, purpose, algorithmFor(purpose, defaultAlgorithm)))));
        return find(kid);
    }

    /**
     * Makes a new active key for {@code purpose}. The old one's trust window closes now; it stays
     * in the JWKS until the last receipt it may have signed expires, and in the trust root for ever.
     */
    public SigningKey rotate(KeyPurpose purpose, SigningAlgorithm algorithm) {
        String kid = jdbc.inTransaction(connection -> {
            Instant now = clock.instant();
            store.lockActiveKid(connection, purpose).ifPresent(old -> close(connection, old, now, now));
            return createAndActivate(connection, purpose, algorithmFor(purpose, algorithm));
        });
        return find(kid);
    }

    /**
     * A key that must no longer be trusted from {@code untrustedFrom} on (a compromise that began
     * then): its window closes at that moment, and if it was active a new key replaces it.
     */
    public SigningKey retire(String kid, Instant untrustedFrom) {
        SigningKey key = store.find(kid).orElseThrow(() -> ApiException.notFound("signing key"));
        Instant now = clock.instant();
        if (untrustedFrom.isBefore(key.createdAt()) || untrustedFrom.isAfter(now)) {
            throw ApiException.invalid(
                    "untrusted_from",
                    "untrusted_from must lie between the key's creation (" + key.createdAt() + ") and now.");
        }
        jdbc.inTransaction(connection -> {
            boolean active = store.lockActiveKid(connection, key.purpose())
                    .filter(kid::equals)
                    .isPresent();
            close(connection, kid, now, untrustedFrom);
            if (active) {
                createAndActivate(connection, key.purpose(), algorithmFor(key.purpose(), key.algorithm()));
            }
            return null;
        });
        return find(kid);
    }

    public SigningKey find(String kid) {
        return byKid.computeIfAbsent(
                kid, id -> store.find(id).orElseThrow(() -> new IllegalStateException("no signing key " + id)));
    }

    /** Every key ever made, oldest first (the trust root). */
    public List<SigningKey> all() {
        return store.all();
    }

    /** Public keys that may still verify a live receipt or checkpoint. */
    public JWKSet publicJwks() {
        List<JWK> keys = store.verifiable(clock.instant()).stream()
                .map(SigningKey::publicJwk)
                .toList();
        return new JWKSet(keys);
    }

    private static SigningAlgorithm algorithmFor(KeyPurpose purpose, SigningAlgorithm requested) {
        // Checkpoints are C2SP signed notes, which are Ed25519.
        return purpose == KeyPurpose.CHECKPOINTS ? SigningAlgorithm.EDDSA : requested;
    }

    private String createAndActivate(Connection connection, KeyPurpose purpose, SigningAlgorithm algorithm) {
        try {
            JWK jwk = algorithm.generate();
            String environment =
                    sandboxPlatform || purpose == KeyPurpose.SANDBOX ? SigningKey.SANDBOX : SigningKey.LIVE;
            store.insert(
                    connection,
                    new SigningKey(
                            jwk.getKeyID(), algorithm, purpose, environment, jwk, clock.instant(), null, null, null));
            store.setActive(connection, purpose, jwk.getKeyID());
            return jwk.getKeyID();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a " + algorithm + " key", e);
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    private void close(Connection connection, String kid, Instant now, Instant windowEnd) {
        try {
            store.retire(connection, kid, now, now.plus(receiptLifetime));
            store.closeWindow(connection, kid, windowEnd);
            byKid.remove(kid);
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }
}
