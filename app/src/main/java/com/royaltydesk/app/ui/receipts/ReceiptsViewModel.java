package com.royaltydesk.app.ui.receipts;

import com.royaltydesk.app.api.PlatformClient;
import com.royaltydesk.app.api.ReceiptSummary;
import com.royaltydesk.app.concurrency.BackgroundTasks;
import com.royaltydesk.app.verify.ReceiptChecker;
import java.nio.file.Path;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The receipts page: the table of the platform's receipts ({@link ReceiptList}), the receipt or
 * bundle file checked in full ({@link ReceiptInspection}), and what they share — the platform
 * connected, whether it is the app's own sandbox, and one message line.
 */
public final class ReceiptsViewModel {

    private final ReceiptList list;
    private final ReceiptInspection inspection;
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("Connecting to the platform…");
    private final ReadOnlyStringWrapper sandboxNotice = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper sandboxSession = new ReadOnlyBooleanWrapper(false);
    private PlatformClient client;

    public ReceiptsViewModel(BackgroundTasks tasks, ReceiptChecker checker) {
        Objects.requireNonNull(tasks, "tasks");
        Objects.requireNonNull(checker, "checker");
        this.list = new ReceiptList(tasks, checker, message::set, this::failed);
        this.inspection = new ReceiptInspection(tasks, checker, message::set, this::failed);
    }

    /** Starts browsing the platform behind {@code client} (a creator's key sees its own receipts). */
    public void connect(PlatformClient client) {
        this.client = Objects.requireNonNull(client, "client");
        refresh();
    }

    public void refresh() {
        if (client != null) {
            list.refresh(client);
        }
    }

    public void loadMore() {
        list.loadMore();
    }

    /** Shows one loaded receipt with its full check (Earnings' "Check this receipt"). */
    public void reveal(String receiptId) {
        list.reveal(receiptId);
    }

    /** Checks a receipt live: its bundle from the platform, verified here. */
    public void select(ReceiptSummary receipt) {
        if (receipt != null && client != null) {
            inspection.select(client, receipt);
        }
    }

    /** Checks a bundle file with no network: the legal reviewer's path. */
    public void openBundle(Path file) {
        inspection.openBundle(file);
    }

    /** Saves the bundle of what is shown, exactly as checked. */
    public void exportBundle(Path file) {
        inspection.exportBundle(file);
    }

    /** Disputes the live receipt shown; what it earns is held out of payouts until it is resolved. */
    public void dispute(String reason) {
        if (client != null) {
            inspection.dispute(client, reason);
        }
    }

    /**
     * Whether the connected platform is the app's own sandbox: its receipts verify (it is trusted
     * on purpose, for this session) but are not evidence, and the page says so above the table.
     */
    public void markSandbox(boolean sandbox) {
        sandboxSession.set(sandbox);
        sandboxNotice.set(
                sandbox
                        ? "Sandbox: these receipts are signed by this app's own sandbox platform. They show how"
                                + " verification works; they are not evidence for anyone else."
                        : "");
    }

    private void failed(Throwable error) {
        message.set(error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage());
    }

    /** The table: rows, filters, signature states. */
    public ReceiptList list() {
        return list;
    }

    /** The receipt or bundle checked in full. */
    public ReceiptInspection inspection() {
        return inspection;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty sandboxNoticeProperty() {
        return sandboxNotice.getReadOnlyProperty();
    }

    /** Whether the receipts shown come from the app's own sandbox: every verdict about them says so. */
    public ReadOnlyBooleanProperty sandboxSessionProperty() {
        return sandboxSession.getReadOnlyProperty();
    }
}
