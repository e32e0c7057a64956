package com.royaltydesk.platform.assets;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;

/**
 * How an asset earns (SPEC §3). Which fields apply depends on {@code type}:
 *
 * <ul>
 *   <li>{@code per_use}: {@code rate} per token, &gt; 0
 *   <li>{@code rev_share}: {@code share} of each event's revenue, in (0, 1]
 *   <li>{@code floor_plus}: {@code monthly_floor} guaranteed per month, plus {@code rate} per token
 *   <li>{@code subscription_bonus}: a share of the subscription pool by usage, scaled by {@code
 *       weight} (default 1)
 * </ul>
 *
 * Amounts are in {@code currency} (ISO 4217, default USD) and exact; see decision 0001.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PriceModel(
        String type, BigDecimal rate, BigDecimal share, BigDecimal monthlyFloor, BigDecimal weight, String currency) {}
