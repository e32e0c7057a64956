package com.royaltydesk.app.ui.assets;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The fields of a registration — name, license, price model — and what is wrong with each, said
 * beside it. Any edit runs {@code onEdit}, which checks the whole registration again.
 */
public final class AssetForm {

    /** The licenses the platform knows; anything else is written {@code licenseref-<name>}. */
    static final List<String> LICENSES = List.of(
            "cc-by-4.0",
            "cc-by-sa-4.0",
            "cc-by-nc-4.0",
            "cc-by-nc-sa-4.0",
            "cc-by-nd-4.0",
            "cc-by-nc-nd-4.0",
            "cc0-1.0",
            "odc-by-1.0",
            "odbl-1.0",
            "mit",
            "apache-2.0",
            "proprietary");

    static final String NAME = "name";
    static final String LICENSE = "license";
    static final String TYPE = "type";
    private static final int MAX_NAME = 200;
    private static final Pattern CUSTOM_LICENSE = Pattern.compile("licenseref-[a-z0-9][a-z0-9.\\-]{0,47}");

    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty license = new SimpleStringProperty("cc-by-4.0");
    private final StringProperty priceType = new SimpleStringProperty("per_use");
    private final StringProperty rate = new SimpleStringProperty("0.0001");
    private final StringProperty share = new SimpleStringProperty("");
    private final StringProperty floor = new SimpleStringProperty("");
    private final StringProperty weight = new SimpleStringProperty("");
    private final StringProperty currency = new SimpleStringProperty("USD");
    private final Map<String, ReadOnlyStringWrapper> errors = new LinkedHashMap<>();

    AssetForm(Runnable onEdit) {
        for (String field : List.of(
                NAME,
                LICENSE,
                TYPE,
                PriceModelInput.RATE,
                PriceModelInput.SHARE,
                PriceModelInput.FLOOR,
                PriceModelInput.WEIGHT,
                PriceModelInput.CURRENCY)) {
            errors.put(field, new ReadOnlyStringWrapper(""));
        }
        for (StringProperty field : List.of(name, license, priceType, rate, share, floor, weight, currency)) {
            field.addListener((obs, old, now) -> onEdit.run());
        }
    }

    /**
     * Says beside every field what is wrong with it; true when nothing is. A name is needed once
     * something is {@code chosen}; {@code longestName} gives the longest asset name the name makes
     * (a folder's files are named by their paths under it).
     */
    boolean check(boolean chosen, ToIntFunction<String> longestName) {
        Map<String, String> found = new LinkedHashMap<>(priceModel().errors());
        String prefix = prefix();
        if (prefix.isEmpty() && chosen) {
            found.put(NAME, "Give the asset a name.");
        } else if (longestName.applyAsInt(prefix) > MAX_NAME) {
            found.put(NAME, "Names are at most " + MAX_NAME + " characters, folder paths included.");
        }
        String licenseId = licenseId();
        if (licenseId.isEmpty()) {
            found.put(LICENSE, "Choose a license.");
        } else if (!LICENSES.contains(licenseId)
                && !CUSTOM_LICENSE.matcher(licenseId).matches()) {
            found.put(LICENSE, "Choose one from the list, or write licenseref-<name> for your own terms.");
        }
        errors.forEach((field, message) -> message.set(found.getOrDefault(field, "")));
        return found.isEmpty() && !prefix.isEmpty();
    }

    /** Puts the platform's refusal beside {@code field} (a price-model field may come prefixed); false when there is no such field. */
    boolean showBeside(String field, String message) {
        ReadOnlyStringWrapper beside = errors.get(field.replaceFirst("^price_model\\.", ""));
        if (beside == null) {
            return false;
        }
        beside.set(message);
        return true;
    }

    PriceModelInput.Result priceModel() {
        return PriceModelInput.check(new PriceModelInput.Fields(
                priceType.get(), rate.get(), share.get(), floor.get(), weight.get(), currency.get()));
    }

    /** The name as typed, without surrounding blanks. */
    String prefix() {
        return name.get() == null ? "" : name.get().strip();
    }

    String licenseId() {
        return license.get() == null ? "" : license.get().strip().toLowerCase(Locale.ROOT);
    }

    /** The message beside {@code field} ({@link #NAME}, {@link #LICENSE}, or a price-model field); empty when fine. */
    public ReadOnlyStringProperty errorProperty(String field) {
        return errors.get(field).getReadOnlyProperty();
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty licenseProperty() {
        return license;
    }

    public StringProperty priceTypeProperty() {
        return priceType;
    }

    public StringProperty rateProperty() {
        return rate;
    }

    public StringProperty shareProperty() {
        return share;
    }

    public StringProperty floorProperty() {
        return floor;
    }

    public StringProperty weightProperty() {
        return weight;
    }

    public StringProperty currencyProperty() {
        return currency;
    }
}
