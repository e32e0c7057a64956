package com.royaltydesk.app.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The body of {@code POST /v1/assets}: what the creator says the content is, and its hash. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AssetRegistration(
        String name, String license, PriceModel priceModel, List<String> contentHashes, long sizeBytes) {}
