package com.royaltydesk.app.api;

import java.math.BigDecimal;

/** One asset's line in the billing preview: what it has earned in the open period so far. */
public record AssetEarnings(String assetId, String name, long events, BigDecimal amount, String currency) {}
