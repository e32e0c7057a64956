package com.royaltydesk.platform.assets;

import java.time.Instant;

/** An asset's price from {@code effectiveFrom} (YYYY-MM) on, until a later change. */
public record PriceChange(String effectiveFrom, PriceModel priceModel, Instant createdAt) {}
