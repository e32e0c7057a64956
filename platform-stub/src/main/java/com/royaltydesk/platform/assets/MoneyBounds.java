package com.royaltydesk.platform.assets;

import java.math.BigDecimal;

/**
 * The documented maximum of every money input (SPEC §3), chosen from the storage: amounts are kept
 * as NUMERIC(38, 18), so every stored value — an event's amount, a rollup, a ledger line, a
 * statement total — must stay below 10^20. With these bounds the largest single event is worth
 * 10^10 (a rate of {@value #MAX_RATE_TEXT} on {@value #MAX_TOKENS} tokens, or the largest revenue),
 * so any sum the platform forms would need more than 10^10 such events in one asset and month
 * before it could overflow; subscription units (tokens × weight) likewise stay below 10^11 an event.
 * A value over a bound is a 400 naming the field.
 */
public final class MoneyBounds {

    /** Decimal places any money input may have (the storage's scale). */
    public static final int MAX_SCALE = 18;

    static final String MAX_RATE_TEXT = "100";
    /** Per token, for per_use and floor_plus. */
    public static final BigDecimal MAX_RATE = new BigDecimal(MAX_RATE_TEXT);
    /** Tokens in one usage event, whatever the configured anti-fraud cap says. */
    public static final long MAX_TOKENS = 100_000_000L;
    /** Revenue of one usage event (rev_share). */
    public static final BigDecimal MAX_REVENUE = new BigDecimal("10000000000");
    /** A floor_plus monthly floor. */
    public static final BigDecimal MAX_FLOOR = new BigDecimal("1000000000");
    /** A subscription_bonus weight. */
    public static final BigDecimal MAX_WEIGHT = new BigDecimal("1000");
    /** A settlement's subscription pool. */
    public static final BigDecimal MAX_POOL = new BigDecimal("1000000000000");

    private MoneyBounds() {}

    /** True when {@code value} is within (0, max] with at most {@link #MAX_SCALE} decimals. */
    public static boolean positiveAtMost(BigDecimal value, BigDecimal max) {
        return value != null
                && value.signum() > 0
                && value.compareTo(max) <= 0
                && value.stripTrailingZeros().scale() <= MAX_SCALE;
    }
}
