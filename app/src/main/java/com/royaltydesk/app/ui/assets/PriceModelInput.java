package com.royaltydesk.app.ui.assets;

import com.royaltydesk.app.api.PriceModel;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The price-model editor's rules, checked as the user types so each field can say what is wrong
 * beside it. They mirror the platform's (which checks again): positive amounts below 10¹², at most
 * 18 decimals, a share of at most 1, a three-letter currency.
 */
final class PriceModelInput {

    /** The four models, in the order the editor offers them. */
    static final List<String> TYPES = List.of("per_use", "rev_share", "floor_plus", "subscription_bonus");

    static final String RATE = "rate";
    static final String SHARE = "share";
    static final String FLOOR = "monthly_floor";
    static final String WEIGHT = "weight";
    static final String CURRENCY = "currency";

    /** The platform's maxima (its MoneyBounds, SPEC §3), so the form says so before the platform does. */
    private static final Map<String, BigDecimal> MAXIMUM = Map.of(
            "rate", new BigDecimal("100"),
            "monthly_floor", new BigDecimal("1000000000"),
            "weight", new BigDecimal("1000"));

    private static final int MAX_SCALE = 18;

    /** What the editor holds, as typed. */
    record Fields(String type, String rate, String share, String floor, String weight, String currency) {}

    /** The model to send when {@code errors} is empty; otherwise a message per field name. */
    record Result(PriceModel model, Map<String, String> errors) {
        boolean valid() {
            return errors.isEmpty();
        }
    }

    private PriceModelInput() {}

    /** Which fields {@code type} uses; the editor shows only these. */
    static List<String> fieldsOf(String type) {
        return switch (type) {
            case "per_use" -> List.of(RATE);
            case "rev_share" -> List.of(SHARE);
            case "floor_plus" -> List.of(RATE, FLOOR);
            case "subscription_bonus" -> List.of(WEIGHT);
            default -> List.of();
        };
    }

    /** A short description of a model for tables, e.g. "0.0001 USD per token". */
    static String describe(PriceModel model) {
        if (model == null || model.type() == null) {
            return "—";
        }
        String currency = model.currency() == null ? "" : " " + model.currency();
        return switch (model.type()) {
            case "per_use" -> plain(model.rate()) + currency + " per token";
            case "rev_share" -> percent(model.share()) + " of revenue";
            case "floor_plus" ->
                plain(model.monthlyFloor()) + currency + "/month floor + " + plain(model.rate()) + currency
                        + " per token";
            case "subscription_bonus" -> "subscription pool, weight " + plain(model.weight());
            default -> model.type();
        };
    }

    static Result check(Fields fields) {
        Map<String, String> errors = new LinkedHashMap<>();
        String type = fields.type() == null ? "" : fields.type();
        if (!TYPES.contains(type)) {
            errors.put("type", "Choose how this asset is paid.");
            return new Result(null, errors);
        }
        List<String> used = fieldsOf(type);
        BigDecimal rate = used.contains(RATE) ? amount(fields.rate(), RATE, errors, false) : null;
        BigDecimal share = used.contains(SHARE) ? amount(fields.share(), SHARE, errors, false) : null;
        if (share != null && share.compareTo(BigDecimal.ONE) > 0) {
            errors.put(SHARE, "A share is at most 1 (1 = 100% of revenue).");
            share = null;
        }
        BigDecimal floor = used.contains(FLOOR) ? amount(fields.floor(), FLOOR, errors, false) : null;
        BigDecimal weight = used.contains(WEIGHT) ? amount(fields.weight(), WEIGHT, errors, true) : null;
        String currency = currency(fields.currency(), errors);
        if (!errors.isEmpty()) {
            return new Result(null, errors);
        }
        return new Result(new PriceModel(type, rate, share, floor, weight, currency), Map.of());
    }

    /** Parses a positive decimal; a comma is read as the decimal point when there is no point. */
    private static BigDecimal amount(String text, String field, Map<String, String> errors, boolean optional) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty()) {
            if (!optional) {
                errors.put(field, "Required.");
            }
            return null;
        }
        if (trimmed.indexOf('.') < 0) {
            trimmed = trimmed.replace(',', '.');
        }
        BigDecimal value;
        try {
            value = new BigDecimal(trimmed);
        } catch (NumberFormatException e) {
            errors.put(field, "Not a number; write it like 0.0001.");
            return null;
        }
        if (value.signum() <= 0) {
            errors.put(field, "Must be greater than 0.");
        } else if (MAXIMUM.containsKey(field) && value.compareTo(MAXIMUM.get(field)) > 0) {
            errors.put(field, "At most " + MAXIMUM.get(field).toPlainString() + ".");
        } else if (value.stripTrailingZeros().scale() > MAX_SCALE) {
            errors.put(field, "At most 18 decimals.");
        } else {
            return value;
        }
        return null;
    }

    private static String currency(String text, Map<String, String> errors) {
        String code = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        if (code.isEmpty()) {
            errors.put(CURRENCY, "Required, e.g. USD.");
            return null;
        }
        try {
            return Currency.getInstance(code).getCurrencyCode();
        } catch (IllegalArgumentException e) {
            errors.put(CURRENCY, "Not a currency code; use three letters like USD or EUR.");
            return null;
        }
    }

    private static String plain(BigDecimal value) {
        return value == null ? "?" : value.stripTrailingZeros().toPlainString();
    }

    private static String percent(BigDecimal share) {
        return share == null ? "?" : plain(share.movePointRight(2)) + "%";
    }
}
