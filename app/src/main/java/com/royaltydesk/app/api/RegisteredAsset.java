package com.royaltydesk.app.api;

/** The answer to {@code POST /v1/assets}: where to upload the content. */
public record RegisteredAsset(String assetId, String uploadUrl, Asset asset) {}
