package com.royaltydesk.platform.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * The one place money is rounded: to the currency's minor unit, half-even (SPEC §3). Everything
 * before a payout line stays exact.
 */
public final class Money {

    private Money() {}

    public static BigDecimal roundToMinorUnit(BigDecimal exact, String currency) {
        int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        return exact.setScale(digits, RoundingMode.HALF_EVEN);
    }

    /** Exact amounts without trailing zeros, for display and JSON (never in exponent form there). */
    public static BigDecimal plain(BigDecimal exact) {
        BigDecimal stripped = exact.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
