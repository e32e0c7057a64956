package com.royaltydesk.app.ui.assets;

import com.royaltydesk.app.api.Asset;
import com.royaltydesk.app.api.AssetEarnings;
import com.royaltydesk.app.api.AssetPage;
import com.royaltydesk.app.api.BillingPreview;
import com.royaltydesk.app.api.PlatformClient;
import com.royaltydesk.app.concurrency.BackgroundTasks;
import com.royaltydesk.app.ui.common.MoneyFormat;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The creator's assets: each with its content hash, license, price model, how many receipts name it
 * and what it has earned in the open period (from the billing preview).
 */
public final class AssetsViewModel {

    /** One table row, ready to show. */
    public record Row(
            String assetId,
            String name,
            String sha256,
            String license,
            String priceModel,
            long receipts,
            String earnings,
            String status) {}

    static final int PAGE_SIZE = 200;
    /** 10,000 assets: more than a creator registers by hand; the message says when there are more. */
    private static final int MAX_PAGES = 50;

    private record Loaded(List<Asset> assets, boolean truncated, BillingPreview preview) {}

    private final BackgroundTasks tasks;
    private final MoneyFormat money;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("Connecting to the platform…");
    private PlatformClient client;

    public AssetsViewModel(BackgroundTasks tasks, MoneyFormat money) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.money = Objects.requireNonNull(money, "money");
    }

    public void connect(PlatformClient client) {
        this.client = Objects.requireNonNull(client, "client");
        refresh();
    }

    public void refresh() {
        if (client == null) {
            return;
        }
        PlatformClient source = client;
        message.set("Loading assets…");
        tasks.run(() -> load(source), this::show, error -> message.set("Could not load assets: " + error.getMessage()));
    }

    private static Loaded load(PlatformClient client) {
        List<Asset> assets = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            AssetPage page = client.assets(cursor, PAGE_SIZE);
            assets.addAll(page.assets());
            cursor = page.nextCursor();
        } while (cursor != null && ++pages < MAX_PAGES);
        return new Loaded(assets, cursor != null, client.billingPreview());
    }

    private void show(Loaded loaded) {
        Map<String, AssetEarnings> earned = new HashMap<>();
        if (loaded.preview().byAsset() != null) {
            for (AssetEarnings line : loaded.preview().byAsset()) {
                earned.put(line.assetId(), line);
            }
        }
        List<Row> shown = new ArrayList<>();
        for (Asset asset : loaded.assets()) {
            AssetEarnings line = earned.get(asset.assetId());
            String currency = line != null
                    ? line.currency()
                    : asset.priceModel() == null ? null : asset.priceModel().currency();
            BigDecimal amount = line == null ? BigDecimal.ZERO : line.amount();
            shown.add(new Row(
                    asset.assetId(),
                    asset.name(),
                    asset.sha256(),
                    asset.license(),
                    PriceModelInput.describe(asset.priceModel()),
                    asset.receiptCount(),
                    money.format(amount, currency),
                    "verified".equals(asset.uploadStatus()) ? "Content checked" : "Not uploaded"));
        }
        rows.setAll(shown);
        if (shown.isEmpty()) {
            message.set("No assets yet. Register a file or a folder to start earning from it.");
        } else {
            message.set(shown.size() + (shown.size() == 1 ? " asset" : " assets")
                    + (loaded.truncated() ? " (the first " + shown.size() + "; there are more)" : "")
                    + " · earnings for " + loaded.preview().period() + " so far");
        }
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
