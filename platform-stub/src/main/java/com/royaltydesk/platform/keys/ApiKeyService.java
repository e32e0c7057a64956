package com.royaltydesk.platform.keys;

import com.royaltydesk.platform.core.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Makes, checks and revokes API keys. A key reads {@code rdk_<mode>_<role>_<43 base62 chars>}
 * (mode {@code test} in sandbox, {@code live} otherwise): the prefix tells a human what a key is,
 * the 256 random bits make it unguessable.
 */
public final class ApiKeyService {

    private static final int SECRET_LENGTH = 43;
    private static final int MAX_KEY_LENGTH = 200;

    private final ApiKeyStore store;
    private final Clock clock;
    private final String mode;

    public ApiKeyService(ApiKeyStore store, Clock clock, boolean sandbox) {
        this.store = store;
        this.clock = clock;
        this.mode = sandbox ? "test" : "live";
    }

    /** Creates a key inside the caller's transaction, so it exists exactly when its owner does. */
    /** {@code ownerId}: the creator for creator keys, the host for host keys, null for platform keys. */
    /** Whether any live key has {@code role}, inside the caller's transaction. */
    public boolean anyLive(Connection connection, Role role) throws SQLException {
        return store.anyLive(connection, role);
    }

    public IssuedKey issue(Connection connection, Role role, String ownerId) throws SQLException {
        String prefix = "rdk_" + mode + "_" + role.wireName() + "_";
        String secret = prefix + Ids.randomBase62(SECRET_LENGTH);
        String keyId = Ids.newId("key");
        store.insert(connection, keyId, hash(secret), prefix, role, ownerId, clock.instant());
        return new IssuedKey(keyId, secret, role, ownerId);
    }

    /** The principal behind a presented key, if it is one of ours and not revoked. */
    public Optional<Principal> authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.isEmpty() || presentedKey.length() > MAX_KEY_LENGTH) {
            return Optional.empty();
        }
        // A key of the other mode never works: a sandbox key on a live platform (or the reverse)
        // is refused even if a promoted database still knows its hash.
        if (!presentedKey.startsWith("rdk_" + mode + "_")) {
            return Optional.empty();
        }
        return store.findLiveByHash(hash(presentedKey));
    }

    public boolean revoke(String keyId) {
        return store.revoke(keyId, clock.instant());
    }

    static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
