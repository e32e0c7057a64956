package com.royaltydesk.platform.keys;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Persistence of API keys, by hash only. */
public interface ApiKeyStore {

    /** {@code ownerId} is the creator id for creator keys, the host id for host keys, null for platform keys. */
    void insert(
            Connection connection,
            String keyId,
            String keyHash,
            String keyPrefix,
            Role role,
            String ownerId,
            Instant now)
            throws SQLException;

    /** Whether any live (not revoked) key has this role, inside the caller's transaction. */
    boolean anyLive(Connection connection, Role role) throws SQLException;

    /** The live (not revoked) key with this hash. */
    Optional<Principal> findLiveByHash(String keyHash);

    /** Marks the key revoked; false when no live key has that id. */
    boolean revoke(String keyId, Instant now);
}
