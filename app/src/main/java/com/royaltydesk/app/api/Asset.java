package com.royaltydesk.app.api;

import java.time.Instant;
import java.util.List;

/** A registered asset as {@code GET /v1/assets} lists it. */
public record Asset(
        String assetId,
        String name,
        String license,
        PriceModel priceModel,
        List<String> contentHashes,
        long sizeBytes,
        String uploadStatus,
        String uploadUrl,
        long receiptCount,
        Instant createdAt) {

    /** The {@code sha256:<hex>} content hash every asset has. */
    public String sha256() {
        return contentHashes == null
                ? ""
                : contentHashes.stream()
                        .filter(h -> h.startsWith("sha256:"))
                        .findFirst()
                        .orElse("");
    }
}
