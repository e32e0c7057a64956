package com.royaltydesk.app.api;

/** {@code POST /v1/creators}: the new creator and its API key, which the platform shows only once. */
public record SignUp(String creatorId, String apiKey, String kycStatus) {}
