package com.royaltydesk.platform.http;

import com.royaltydesk.platform.billing.PayoutExecutor;
import com.royaltydesk.platform.core.ApiException;
import com.royaltydesk.platform.core.Validate;
import com.royaltydesk.platform.creators.CreatorService;
import com.royaltydesk.platform.creators.KycStatus;
import com.royaltydesk.platform.keys.Principal;
import com.royaltydesk.platform.keys.Role;
import io.javalin.http.Context;
import java.time.Instant;

/** {@code POST /v1/creators}: sign-up; open in sandbox mode, platform key otherwise. */
public final class CreatorsHandler {

    /** Sign-up body; every field optional. */
    public record SignUpRequest(String displayName) {}

    /** Sign-up answer; {@code api_key} is shown only here. */
    public record SignUpResponse(String creatorId, String apiKey, String apiKeyId, String kycStatus) {}

    /** {@code GET /v1/creators/me}: who the key belongs to and where KYC stands. */
    public record ProfileResponse(String creatorId, String displayName, String kycStatus, Instant createdAt) {}

    private static final int MAX_NAME = 200;

    private final CreatorService creators;
    private final PayoutExecutor payouts;
    private final Auth auth;
    private final RequestBodies bodies;
    private final boolean sandbox;

    public CreatorsHandler(
            CreatorService creators, PayoutExecutor payouts, Auth auth, RequestBodies bodies, boolean sandbox) {
        this.payouts = payouts;
        this.creators = creators;
        this.auth = auth;
        this.bodies = bodies;
        this.sandbox = sandbox;
    }

    public void create(Context ctx) {
        if (!sandbox) {
            auth.require(ctx, Role.PLATFORM);
        }
        SignUpRequest request = bodies.read(ctx, SignUpRequest.class);
        String name = Validate.optionalText(request.displayName(), "display_name", MAX_NAME);
        CreatorService.SignUp signUp = creators.signUp(name);
        ctx.status(201)
                .json(new SignUpResponse(
                        signUp.creatorId(),
                        signUp.key().secret(),
                        signUp.key().keyId(),
                        signUp.kycStatus().wireName()));
    }

    /** {@code POST /v1/creators/{id}/kyc}: the platform records a KYC decision; held payouts follow it. */
    public record KycRequest(String kycStatus) {}

    public void setKyc(Context ctx) {
        auth.require(ctx, Role.PLATFORM);
        String creatorId = Validate.id(ctx.pathParam("id"), "id");
        KycRequest request = bodies.read(ctx, KycRequest.class);
        KycStatus kyc;
        try {
            kyc = KycStatus.valueOf(String.valueOf(request.kycStatus()).toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("kyc_status", "kyc_status must be pending, verified or rejected.");
        }
        CreatorService.Profile profile = creators.setKyc(creatorId, kyc);
        payouts.kycChanged(creatorId, kyc.wireName());
        ctx.json(new ProfileResponse(
                profile.creatorId(), profile.displayName(), profile.kycStatus().wireName(), profile.createdAt()));
    }

    public void me(Context ctx) {
        Principal creator = auth.require(ctx, Role.CREATOR);
        CreatorService.Profile profile = creators.profile(creator.creatorId());
        ctx.json(new ProfileResponse(
                profile.creatorId(), profile.displayName(), profile.kycStatus().wireName(), profile.createdAt()));
    }
}
