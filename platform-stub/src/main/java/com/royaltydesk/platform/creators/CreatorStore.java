package com.royaltydesk.platform.creators;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Persistence of creators. */
public interface CreatorStore {

    void insert(Connection connection, String creatorId, String displayName, KycStatus kyc, Instant now)
            throws SQLException;

    boolean exists(Connection connection, String creatorId) throws SQLException;

    /** Sets the creator's KYC status; false if there is no such creator. */
    boolean updateKyc(Connection connection, String creatorId, KycStatus kyc) throws SQLException;

    /** The creator as stored, or empty. */
    Optional<CreatorService.Profile> find(Connection connection, String creatorId) throws SQLException;
}
