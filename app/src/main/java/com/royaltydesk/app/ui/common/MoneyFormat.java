package com.royaltydesk.app.ui.common;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;

/**
 * Money for people: the user's locale, the currency shown, at least the currency's minor digits and
 * more when the exact amount has them (sub-cent earnings are real here). Formats {@link BigDecimal}
 * directly, never through a double.
 */
public final class MoneyFormat {

    private static final int MAX_FRACTION_DIGITS = 8;

    private final Locale locale;

    public MoneyFormat(Locale locale) {
        this.locale = locale;
    }

    public String format(BigDecimal amount, String currency) {
        if (amount == null || currency == null) {
            return "—";
        }
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        Currency code = Currency.getInstance(currency);
        format.setCurrency(code);
        format.setMinimumFractionDigits(Math.max(0, code.getDefaultFractionDigits()));
        format.setMaximumFractionDigits(MAX_FRACTION_DIGITS);
        if (format instanceof DecimalFormat decimal) {
            decimal.setParseBigDecimal(true);
        }
        return format.format(amount);
    }
}
