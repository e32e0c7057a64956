package com.royaltydesk.app.api;

/** {@code GET /v1/creators/me}: who the app is signed in as and where KYC stands. */
public record CreatorProfile(String creatorId, String displayName, String kycStatus) {}
