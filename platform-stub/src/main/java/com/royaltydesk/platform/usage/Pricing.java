package com.royaltydesk.platform.usage;

import com.royaltydesk.platform.assets.PriceModel;
import java.math.BigDecimal;

/**
 * What one event earns under its asset's price model, exactly (no rounding here; SPEC §3).
 * Floors and subscription pools are settled per period, so at ingestion {@code floor_plus} earns
 * its per-token part and {@code subscription_bonus} earns nothing yet but counts units.
 */
final class Pricing {

    private Pricing() {}

    static BigDecimal amount(PriceModel model, long tokens, BigDecimal revenue) {
        return switch (model.type()) {
            case "per_use", "floor_plus" -> model.rate().multiply(BigDecimal.valueOf(tokens));
            case "rev_share" -> model.share().multiply(revenue);
            default -> BigDecimal.ZERO;
        };
    }

    static BigDecimal units(PriceModel model, long tokens) {
        return "subscription_bonus".equals(model.type())
                ? model.weight().multiply(BigDecimal.valueOf(tokens))
                : BigDecimal.ZERO;
    }
}
