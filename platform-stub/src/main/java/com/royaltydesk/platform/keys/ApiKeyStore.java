package com.royaltydesk.platform.keys;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Persistence of API keys, by hash only. */
public interface ApiKeyStore {

    void insert(
            Connection connection,
            String keyId,
            String keyHash,
            String keyPrefix,
            Role role,
            String creatorId,
            Instant now)
            throws SQLException;

    /** The live (not revoked) key with this hash. */
    Optional<Principal> findLiveByHash(String keyHash);

    /** Marks the key revoked; false when no live key has that id. */
    boolean revoke(String keyId, Instant now);
}
