package com.royaltydesk.platform.assets;

import java.util.List;
import java.util.Optional;

/** Persistence of assets. */
public interface AssetStore {

    /** Inserts; throws {@code DataAccessException} with a constraint violation on a duplicate hash. */
    void insert(Asset asset);

    /** The same, inside the caller's transaction. */
    void insert(java.sql.Connection connection, Asset asset) throws java.sql.SQLException;

    Optional<Asset> find(String assetId);

    Optional<Asset> findBySha256(String sha256);

    /** Assets after {@code afterSeq} in registration order, one creator's or (null) everyone's. */
    List<Asset> list(String creatorId, long afterSeq, int limit);

    void markVerified(String assetId, java.time.Instant at);
}
