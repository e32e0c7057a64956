package com.royaltydesk.app.ui.assets;

import com.royaltydesk.app.api.Asset;
import com.royaltydesk.app.api.PlatformClient;
import com.royaltydesk.app.api.PriceChanges;
import com.royaltydesk.app.api.PriceModel;
import com.royaltydesk.app.api.PriceSimulation;
import com.royaltydesk.app.concurrency.BackgroundTasks;
import com.royaltydesk.app.ui.common.MoneyFormat;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The price simulator (issue #16): pick one of your assets, a candidate price and how many past
 * months; the platform computes, exactly, what the asset would have earned each month beside what
 * it did. Nothing changes: a question, not a new price.
 */
public final class PriceSimulatorViewModel {

    /** The candidate models a single asset's history can answer (a subscription share cannot). */
    static final List<String> TYPES = List.of("per_use", "rev_share", "floor_plus");

    /** The platform's limit for one simulation. */
    static final int MAX_MONTHS = 24;

    /** One table row; amounts exact, words ready. */
    public record Row(
            String month,
            String state,
            String tokens,
            BigDecimal actual,
            BigDecimal simulated,
            String actualText,
            String simulatedText,
            String differenceText) {}

    private final BackgroundTasks tasks;
    private final MoneyFormat money;
    private final Clock clock;
    private final ObservableList<Asset> assets = FXCollections.observableArrayList();
    private final ObjectProperty<Asset> asset = new SimpleObjectProperty<>();
    private final StringProperty type = new SimpleStringProperty("per_use");
    private final StringProperty rate = new SimpleStringProperty("");
    private final StringProperty share = new SimpleStringProperty("");
    private final StringProperty floor = new SimpleStringProperty("");
    private final IntegerProperty months = new SimpleIntegerProperty(12);
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper inForce = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper totals = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper notes = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    /** The candidate of the simulation shown, which "Apply from next month" sets; null before one. */
    private final javafx.beans.property.ReadOnlyObjectWrapper<PriceModel> simulated =
            new javafx.beans.property.ReadOnlyObjectWrapper<>();

    private PlatformClient client;

    public PriceSimulatorViewModel(BackgroundTasks tasks, MoneyFormat money, Clock clock) {
        this.tasks = tasks;
        this.money = money;
        this.clock = clock;
        asset.addListener((obs, old, now) -> {
            rows.clear();
            totals.set("");
            notes.set("");
            simulated.set(null);
            showPrices(now);
        });
    }

    public void connect(PlatformClient creator) {
        this.client = creator;
        simulated.set(null);
        assets.clear();
        asset.set(null);
        refresh();
    }

    /** Reloads the creator's assets (the first 200: the simulator picks one at a time). */
    public void refresh() {
        PlatformClient target = client;
        if (target == null) {
            return;
        }
        tasks.run(
                () -> target.assets(null, 200).assets(),
                list -> {
                    String chosen = asset.get() == null ? null : asset.get().assetId();
                    assets.setAll(list);
                    asset.set(list.stream()
                            .filter(a -> a.assetId().equals(chosen))
                            .findFirst()
                            .orElse(list.isEmpty() ? null : list.get(0)));
                },
                error -> message.set("Could not load your assets: " + error.getMessage()));
    }

    /** The asset's price now and any change to come, read from the platform. */
    private void showPrices(Asset chosen) {
        if (chosen == null) {
            inForce.set("");
            return;
        }
        inForce.set("Price in force: " + PriceModelInput.describe(chosen.priceModel()));
        PlatformClient target = client;
        if (target == null) {
            return;
        }
        YearMonth now = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
        tasks.run(
                () -> target.priceChanges(chosen.assetId()),
                prices -> {
                    if (asset.get() != chosen) {
                        return; // another asset was chosen meanwhile
                    }
                    PriceModel current = prices.priceModel();
                    StringBuilder words = new StringBuilder();
                    for (PriceChanges.Change change : prices.changes()) {
                        if (YearMonth.parse(change.effectiveFrom()).isAfter(now)) {
                            words.append("; from ")
                                    .append(change.effectiveFrom())
                                    .append(": ")
                                    .append(PriceModelInput.describe(change.priceModel()));
                        } else {
                            current = change.priceModel();
                        }
                    }
                    inForce.set("Price in force: " + PriceModelInput.describe(current) + words);
                },
                error -> inForce.set("Price in force: " + PriceModelInput.describe(chosen.priceModel())));
    }

    /**
     * "Apply from next month": the simulated candidate becomes the asset's price from next month on;
     * this month and every month before keep the price they were counted at (so do statements).
     */
    public void applyFromNextMonth() {
        Asset chosen = asset.get();
        PriceModel candidate = simulated.get();
        if (client == null || chosen == null || candidate == null) {
            return;
        }
        YearMonth next = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC)).plusMonths(1);
        PlatformClient target = client;
        busy.set(true);
        tasks.run(
                () -> target.changePrice(chosen.assetId(), candidate, next),
                change -> {
                    busy.set(false);
                    message.set("From " + change.effectiveFrom() + ", " + chosen.name() + " earns "
                            + PriceModelInput.describe(change.priceModel())
                            + ". This month and every month before keep the price they were counted at.");
                    showPrices(chosen);
                },
                error -> {
                    busy.set(false);
                    message.set("The price was not changed: " + error.getMessage());
                });
    }

    /** The candidate a simulation was shown for (what "Apply from next month" would set). */
    public javafx.beans.property.ReadOnlyObjectProperty<PriceModel> simulatedProperty() {
        return simulated.getReadOnlyProperty();
    }

    /** Checks the candidate as typed, then asks the platform. */
    public void simulate() {
        Asset chosen = asset.get();
        if (client == null || chosen == null) {
            message.set("Choose one of your assets first.");
            return;
        }
        PriceModelInput.Result candidate = PriceModelInput.check(new PriceModelInput.Fields(
                type.get(),
                rate.get(),
                share.get(),
                floor.get(),
                null,
                chosen.priceModel().currency()));
        if (!candidate.valid()) {
            message.set(describe(candidate.errors()));
            return;
        }
        YearMonth to = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
        YearMonth from = to.minusMonths(Math.max(1, Math.min(MAX_MONTHS, months.get())) - 1L);
        PlatformClient target = client;
        busy.set(true);
        message.set("Simulating " + from + " to " + to + "…");
        tasks.run(() -> target.simulatePrice(chosen.assetId(), candidate.model(), from, to), this::show, error -> {
            busy.set(false);
            message.set("Could not simulate: " + error.getMessage());
        });
    }

    private void show(PriceSimulation simulation) {
        busy.set(false);
        simulated.set(simulation.candidate());
        String currency = simulation.currency();
        rows.setAll(simulation.months().stream()
                .map(m -> new Row(
                        m.period(),
                        m.settled() ? "settled" : "open",
                        String.format(java.util.Locale.getDefault(), "%,d", m.tokens()),
                        m.actual(),
                        m.simulated(),
                        money.format(m.actual(), currency),
                        money.format(m.simulated(), currency),
                        signed(m.difference(), currency)))
                .toList());
        totals.set("Over " + simulation.months().size() + " months: earned "
                + money.format(simulation.actualTotal(), currency) + "; with "
                + PriceModelInput.describe(simulation.candidate()) + " it would have earned "
                + money.format(simulation.simulatedTotal(), currency) + " (" + signed(simulation.difference(), currency)
                + ").");
        notes.set(String.join(" ", simulation.notes()));
        message.set("Computed by the platform from the usage it recorded; nothing was changed.");
    }

    private String signed(BigDecimal amount, String currency) {
        return (amount.signum() > 0 ? "+" : "") + money.format(amount, currency);
    }

    private static String describe(Map<String, String> errors) {
        StringBuilder words = new StringBuilder("Check the candidate price: ");
        errors.forEach((field, problem) -> words.append(field.replace('_', ' '))
                .append(": ")
                .append(problem)
                .append(' '));
        return words.toString().strip();
    }

    public ObservableList<Asset> assets() {
        return assets;
    }

    public ObjectProperty<Asset> assetProperty() {
        return asset;
    }

    public StringProperty typeProperty() {
        return type;
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

    public IntegerProperty monthsProperty() {
        return months;
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public ReadOnlyStringProperty inForceProperty() {
        return inForce.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty totalsProperty() {
        return totals.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty notesProperty() {
        return notes.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }
}
