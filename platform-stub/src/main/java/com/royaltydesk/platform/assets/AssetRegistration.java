package com.royaltydesk.platform.assets;

import java.util.List;

/** What a creator sends to register an asset ({@code POST /v1/assets}). */
public record AssetRegistration(
        String name,
        String description,
        String license,
        PriceModel priceModel,
        List<String> contentHashes,
        Long sizeBytes) {}
