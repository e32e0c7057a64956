package com.royaltydesk.app.api;

import java.util.List;

/** One page of {@code GET /v1/assets}; {@code nextCursor} is null on the last page. */
public record AssetPage(List<Asset> assets, String nextCursor) {}
