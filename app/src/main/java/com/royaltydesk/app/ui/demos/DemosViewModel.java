package com.royaltydesk.app.ui.demos;

import com.royaltydesk.app.api.PlatformClient;
import com.royaltydesk.app.api.ReceiptSummary;
import com.royaltydesk.app.concurrency.BackgroundTasks;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The demo pages of the connected platform: which one is shown and at what address, and exporting
 * them all to a folder for a CDN. Each page opens on data it can read: in the app's own sandbox the
 * verify page on the creator's newest receipt and the billing preview on the creator's numbers,
 * both with the sandbox creator's key in the address's fragment — a creator's receipt and its
 * proofs are readable only with it; a fragment is never sent to a server, and the key is shown
 * nowhere ({@link #pageUrlProperty}).
 */
public final class DemosViewModel {

    private final BackgroundTasks tasks;
    private final ObjectProperty<DemoPage> selected = new SimpleObjectProperty<>(DemoPage.ALL.get(2));
    private final ReadOnlyStringWrapper url = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper pageUrl = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private PlatformClient client;
    private String newestReceipt;
    private String sandboxCreatorKey;

    public DemosViewModel(BackgroundTasks tasks) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        selected.addListener((obs, old, now) -> updateUrl());
    }

    public void connect(PlatformClient client) {
        connect(client, null);
    }

    /** The same; {@code sandboxCreatorKey} only for the app's own sandbox, so its billing preview needs no typing. */
    public void connect(PlatformClient client, String sandboxCreatorKey) {
        this.client = Objects.requireNonNull(client, "client");
        this.sandboxCreatorKey = sandboxCreatorKey;
        refresh();
    }

    /** Finds the newest receipt (for the verify page), then shows the selected page. */
    public void refresh() {
        if (client == null) {
            return;
        }
        PlatformClient target = client;
        tasks.run(
                () -> {
                    List<ReceiptSummary> receipts =
                            target.receipts(null, 500, null).receipts();
                    return receipts.isEmpty()
                            ? ""
                            : receipts.get(receipts.size() - 1).receiptId();
                },
                receipt -> {
                    newestReceipt = receipt.isEmpty() ? null : receipt;
                    updateUrl();
                },
                error -> message.set(error.getMessage()));
    }

    private void updateUrl() {
        if (client == null || selected.get() == null) {
            return;
        }
        String file = selected.get().file();
        String address = client.baseUrl() + "/demos/" + file;
        if (file.equals("demo-verify.html") && newestReceipt != null) {
            address += "?receipt=" + URLEncoder.encode(newestReceipt, StandardCharsets.UTF_8);
        }
        boolean readsCreatorData = file.equals("demo-billing-preview.html") || file.equals("demo-verify.html");
        String withKey = readsCreatorData && sandboxCreatorKey != null
                ? address + "#key=" + URLEncoder.encode(sandboxCreatorKey, StandardCharsets.UTF_8)
                : address;
        // The loaded address first: whoever reacts to the shown one finds the page already on its way.
        pageUrl.set(withKey);
        url.set(address);
    }

    /** The address the page is loaded from: the shown one, plus the sandbox key where the page needs it. */
    public ReadOnlyStringProperty pageUrlProperty() {
        return pageUrl.getReadOnlyProperty();
    }

    /** The connected platform's address: what an exported folder calls unless the user says otherwise. */
    public String platformAddress() {
        return client == null ? "https://" : client.baseUrl();
    }

    /**
     * Saves every page, as the platform serves it, set to call {@code api} (see {@link DemoExport}),
     * and the platform's trust root beside them: ready for any CDN.
     */
    public void exportTo(Path folder, String api) {
        if (client == null) {
            return;
        }
        PlatformClient target = client;
        tasks.run(
                () -> {
                    String address = DemoExport.checkedAddress(api);
                    Files.createDirectories(folder);
                    for (DemoPage page : DemoPage.ALL) {
                        Files.writeString(
                                folder.resolve(page.file()),
                                DemoExport.callingApi(target.demoPage(page.file()), address),
                                StandardCharsets.UTF_8);
                    }
                    // The verify pages trust the root written beside them (SPEC §6), never the API they call.
                    Files.writeString(folder.resolve("trust-root.json"), target.trustRoot(), StandardCharsets.UTF_8);
                    return address;
                },
                address -> message.set("Exported " + DemoPage.ALL.size() + " pages, set to call " + address
                        + ", and this platform's trust-root.json to " + folder),
                error -> message.set("Export failed: " + error.getMessage()));
    }

    public List<DemoPage> pages() {
        return DemoPage.ALL;
    }

    public ObjectProperty<DemoPage> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty urlProperty() {
        return url.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
