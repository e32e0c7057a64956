package com.royaltydesk.platform.assets;

import java.time.Instant;

/** A registered asset: what the creator said it is, and whether its content has been checked. */
public record Asset(
        String assetId,
        long seq,
        String creatorId,
        String name,
        String description,
        String license,
        PriceModel priceModel,
        String sha256,
        String blake3,
        long sizeBytes,
        String uploadStatus,
        Instant createdAt,
        Instant uploadedAt) {

    public static final String AWAITING_UPLOAD = "awaiting_upload";
    public static final String VERIFIED = "verified";
}
