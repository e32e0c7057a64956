package com.royaltydesk.platform.creators;

import com.royaltydesk.platform.core.ApiException;
import com.royaltydesk.platform.core.Ids;
import com.royaltydesk.platform.db.Jdbc;
import com.royaltydesk.platform.keys.ApiKeyService;
import com.royaltydesk.platform.keys.IssuedKey;
import com.royaltydesk.platform.keys.Role;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;

/**
 * Creator sign-up: the creator and its first API key come into being in one transaction. In
 * sandbox mode KYC is verified at once; otherwise it starts pending (no KYC provider is wired yet).
 */
public final class CreatorService {

    /** What sign-up returns; the key's secret is shown only here. */
    public record SignUp(String creatorId, IssuedKey key, KycStatus kycStatus) {}

    /** A creator as the creator sees itself. */
    public record Profile(String creatorId, String displayName, KycStatus kycStatus, Instant createdAt) {}

    private final Jdbc jdbc;
    private final CreatorStore creators;
    private final ApiKeyService keys;
    private final Clock clock;
    private final boolean sandbox;

    public CreatorService(Jdbc jdbc, CreatorStore creators, ApiKeyService keys, Clock clock, boolean sandbox) {
        this.jdbc = jdbc;
        this.creators = creators;
        this.keys = keys;
        this.clock = clock;
        this.sandbox = sandbox;
    }

    /** The caller's own profile; every key belongs to an existing creator, so absence is a 404. */
    public Profile profile(String creatorId) {
        return jdbc.read(connection -> creators.find(connection, creatorId))
                .orElseThrow(() -> ApiException.notFound("No creator " + creatorId + "."));
    }

    /** The platform's KYC decision for a creator (the identity provider's answer, relayed). */
    public Profile setKyc(String creatorId, KycStatus kyc) {
        boolean found = jdbc.inTransaction(connection -> creators.updateKyc(connection, creatorId, kyc));
        if (!found) {
            throw ApiException.notFound("No creator " + creatorId + ".");
        }
        return profile(creatorId);
    }

    public SignUp signUp(String displayName) {
        return jdbc.inTransaction(connection -> signUp(connection, Ids.newId("creator"), displayName));
    }

    /** Sign-up with a chosen id inside the caller's transaction (the sandbox's {@code creator_42}). */
    public SignUp signUp(Connection connection, String creatorId, String displayName) throws SQLException {
        KycStatus kyc = sandbox ? KycStatus.VERIFIED : KycStatus.PENDING;
        creators.insert(connection, creatorId, displayName, kyc, clock.instant());
        IssuedKey key = keys.issue(connection, Role.CREATOR, creatorId);
        return new SignUp(creatorId, key, kyc);
    }
}
