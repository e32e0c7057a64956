package com.royaltydesk.platform.assets;

import com.royaltydesk.platform.core.ApiException;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;

/** Validates a {@link PriceModel} and returns it in canonical form (currency set, weight default). */
public final class PriceModelRules {

    private static final int MAX_SCALE = MoneyBounds.MAX_SCALE;

    private PriceModelRules() {}

    public static PriceModel validate(PriceModel model) {
        if (model == null) {
            throw ApiException.invalid("price_model", "price_model is required.");
        }
        String currency = currency(model.currency());
        String type = model.type() == null ? "" : model.type();
        return switch (type) {
            case "per_use" -> {
                onlyFields(model, true, false, false, false);
                yield new PriceModel(
                        type, positive(model.rate(), "rate", MoneyBounds.MAX_RATE), null, null, null, currency);
            }
            case "rev_share" -> {
                onlyFields(model, false, true, false, false);
                BigDecimal share = positive(model.share(), "share", BigDecimal.ONE);
                if (share.compareTo(BigDecimal.ONE) > 0) {
                    throw ApiException.invalid("price_model.share", "share must be greater than 0 and at most 1.");
                }
                yield new PriceModel(type, null, share, null, null, currency);
            }
            case "floor_plus" -> {
                onlyFields(model, true, false, true, false);
                yield new PriceModel(
                        type,
                        positive(model.rate(), "rate", MoneyBounds.MAX_RATE),
                        null,
                        positive(model.monthlyFloor(), "monthly_floor", MoneyBounds.MAX_FLOOR),
                        null,
                        currency);
            }
            case "subscription_bonus" -> {
                onlyFields(model, false, false, false, true);
                BigDecimal weight = model.weight() == null
                        ? BigDecimal.ONE
                        : positive(model.weight(), "weight", MoneyBounds.MAX_WEIGHT);
                yield new PriceModel(type, null, null, null, weight, currency);
            }
            default ->
                throw ApiException.invalid(
                        "price_model.type", "type must be one of per_use, rev_share, floor_plus, subscription_bonus.");
        };
    }

    private static void onlyFields(PriceModel model, boolean rate, boolean share, boolean floor, boolean weight) {
        reject(!rate && model.rate() != null, "rate", model.type());
        reject(!share && model.share() != null, "share", model.type());
        reject(!floor && model.monthlyFloor() != null, "monthly_floor", model.type());
        reject(!weight && model.weight() != null, "weight", model.type());
    }

    private static void reject(boolean present, String field, String type) {
        if (present) {
            throw ApiException.invalid("price_model." + field, field + " does not apply to " + type + ".");
        }
    }

    private static BigDecimal positive(BigDecimal value, String field, BigDecimal max) {
        String path = "price_model." + field;
        if (value == null) {
            throw ApiException.invalid(path, field + " is required for this price model.");
        }
        if (value.signum() <= 0) {
            throw ApiException.invalid(path, field + " must be greater than 0.");
        }
        if (value.compareTo(max) > 0) {
            throw ApiException.invalid(path, field + " must be at most " + max.toPlainString() + ".");
        }
        BigDecimal plain = value.stripTrailingZeros();
        if (plain.scale() > MAX_SCALE) {
            throw ApiException.invalid(path, field + " may have at most " + MAX_SCALE + " decimal places.");
        }
        return plain.scale() < 0 ? plain.setScale(0) : plain;
    }

    private static String currency(String code) {
        if (code == null) {
            return "USD";
        }
        try {
            return Currency.getInstance(code.toUpperCase(Locale.ROOT)).getCurrencyCode();
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("price_model.currency", "currency must be an ISO 4217 code such as USD or EUR.");
        }
    }
}
