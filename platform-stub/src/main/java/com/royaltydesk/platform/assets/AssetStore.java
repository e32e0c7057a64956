package com.royaltydesk.platform.assets;

import java.util.List;
import java.util.Optional;

/** Persistence of assets. */
public interface AssetStore {

    /** Inserts a registration; declared hashes reserve nothing, so nothing about them can collide. */
    void insert(Asset asset);

    /** The same, inside the caller's transaction. */
    void insert(java.sql.Connection connection, Asset asset) throws java.sql.SQLException;

    Optional<Asset> find(String assetId);

    /** The asset whose upload proved this content, if any. */
    Optional<Asset> findByProvenSha256(String sha256);

    /** Assets after {@code afterSeq} in registration order, one creator's or (null) everyone's. */
    List<Asset> list(String creatorId, long afterSeq, int limit);

    /**
     * Records that an upload proved {@code sha256} for the asset; a constraint violation ({@code
     * DataAccessException}) when another asset proved that content first.
     */
    void markProven(String assetId, String sha256, long sizeBytes, java.time.Instant at);

    /** Sets the asset's price from {@code effectiveFrom} on (replacing a change already set for that month). */
    void setPriceChange(String assetId, PriceChange change);

    /** The same, inside the caller's transaction. */
    void setPriceChange(java.sql.Connection connection, String assetId, PriceChange change)
            throws java.sql.SQLException;

    /** The asset's price changes, oldest month first. */
    List<PriceChange> priceChanges(String assetId);

    /** The same, inside the caller's transaction (the sandbox's demo dataset). */
    void markProven(java.sql.Connection connection, String assetId, String sha256, long sizeBytes, java.time.Instant at)
            throws java.sql.SQLException;
}
