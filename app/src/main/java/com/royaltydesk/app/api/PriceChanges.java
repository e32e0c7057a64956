package com.royaltydesk.app.api;

import java.time.Instant;
import java.util.List;

/** {@code GET /v1/assets/{id}/price-changes}: the price an asset was registered with, and every change. */
public record PriceChanges(String assetId, PriceModel priceModel, List<Change> changes) {

    /** The asset's price from {@code effectiveFrom} (YYYY-MM) on, until a later change. */
    public record Change(String effectiveFrom, PriceModel priceModel, Instant createdAt) {}
}
