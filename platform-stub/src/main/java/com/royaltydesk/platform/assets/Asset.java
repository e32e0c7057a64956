package com.royaltydesk.platform.assets;

import java.time.Instant;

/**
 * A registered asset: what the creator said it is, and whether an upload proved its content. Until
 * then {@code sha256} and {@code sizeBytes} are what the creator declared (either may be null); once
 * {@link #VERIFIED}, they are what the upload proved.
 */
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
        Long sizeBytes,
        String uploadStatus,
        Instant createdAt,
        Instant uploadedAt) {

    public static final String AWAITING_UPLOAD = "awaiting_upload";
    public static final String VERIFIED = "verified";

    public boolean proven() {
        return VERIFIED.equals(uploadStatus);
    }
}
