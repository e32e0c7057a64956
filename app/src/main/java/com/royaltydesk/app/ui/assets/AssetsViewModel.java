package com.royaltydesk.app.ui.assets;

import com.royaltydesk.app.api.Asset;
import com.royaltydesk.app.api.AssetEarnings;
import com.royaltydesk.app.api.AssetPage;
import com.royaltydesk.app.api.BillingPreview;
import com.royaltydesk.app.api.PlatformClient;
import com.royaltydesk.app.concurrency.BackgroundTasks;
import com.royaltydesk.app.concurrency.NewestOnly;
import com.royaltydesk.app.content.ContentHasher;
import com.royaltydesk.app.content.FileDigest;
import com.royaltydesk.app.ui.common.MoneyFormat;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
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
            String status,
            String uploadUrl) {

        /** Registered, but the platform has not received and checked its content yet. */
        public boolean awaitingUpload() {
            return uploadUrl != null;
        }
    }

    static final int PAGE_SIZE = 200;
    /** 10,000 assets: more than a creator registers by hand; the message says when there are more. */
    private static final int MAX_PAGES = 50;

    private record Loaded(List<Asset> assets, boolean truncated, BillingPreview preview) {}

    private final BackgroundTasks tasks;
    private final MoneyFormat money;
    private final ContentHasher hasher;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("Connecting to the platform…");
    private PlatformClient client;
    private final NewestOnly newest = new NewestOnly();

    public AssetsViewModel(BackgroundTasks tasks, MoneyFormat money, ContentHasher hasher) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.money = Objects.requireNonNull(money, "money");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
    }

    public void connect(PlatformClient client) {
        this.client = Objects.requireNonNull(client, "client");
        refresh();
    }

    public void refresh() {
        if (client == null) {
            return;
        }
        message.set("Loading assets…");
        reload(this::show);
    }

    /** Loads the assets and hands them to {@code then}, unless a newer load was asked meanwhile. */
    private void reload(Consumer<Loaded> then) {
        PlatformClient source = client;
        tasks.run(
                () -> load(source),
                newest.ask(then),
                error -> message.set("Could not load assets: " + error.getMessage()));
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
                    "verified".equals(asset.uploadStatus()) ? "Content checked" : "Not uploaded",
                    "verified".equals(asset.uploadStatus()) ? null : asset.uploadUrl()));
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

    /**
     * Uploads {@code file} as the content of an asset registered earlier whose upload never
     * arrived. The file is hashed here first: a file that is not the registered content is
     * refused before a byte is sent, with both hashes named.
     */
    public void uploadAgain(Row row, Path file) {
        if (client == null || !row.awaitingUpload()) {
            return;
        }
        PlatformClient target = client;
        message.set("Checking " + file.getFileName() + " against “" + row.name() + "”…");
        tasks.run(
                () -> {
                    FileDigest digest = hasher.hash(file, (done, total) -> {}).get(0);
                    if (!digest.contentHash().equals(row.sha256())) {
                        throw new IllegalArgumentException(file.getFileName() + " is not the content registered as “"
                                + row.name() + "”: its hash is " + digest.contentHash() + ", the asset's is "
                                + row.sha256() + ". Nothing was uploaded.");
                    }
                    tasks.post(() -> message.set("Uploading " + file.getFileName() + "…"));
                    return target.uploadContent(row.uploadUrl(), file, sent -> {});
                },
                uploaded -> {
                    String said = "Uploaded the content of “" + row.name() + "”; the platform's hash matched.";
                    message.set(said);
                    reload(loaded -> {
                        show(loaded);
                        message.set(said); // the table's summary line must not cover it
                    });
                },
                error -> message.set(error.getMessage()));
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
