package com.royaltydesk.app.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;

/**
 * An asset's price model as the platform spells it: {@code type} decides which amounts apply
 * (per_use: rate; rev_share: share; floor_plus: rate and monthly_floor; subscription_bonus: weight).
 * Amounts are exact decimals; the ones that do not apply stay null and are not sent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PriceModel(
        String type, BigDecimal rate, BigDecimal share, BigDecimal monthlyFloor, BigDecimal weight, String currency) {}
