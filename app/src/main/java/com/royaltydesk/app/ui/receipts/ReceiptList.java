package com.royaltydesk.app.ui.receipts;

import com.royaltydesk.app.api.PlatformClient;
import com.royaltydesk.app.api.ReceiptPage;
import com.royaltydesk.app.api.ReceiptSummary;
import com.royaltydesk.app.concurrency.BackgroundTasks;
import com.royaltydesk.app.concurrency.NewestOnly;
import com.royaltydesk.app.verify.ReceiptChecker;
import com.royaltydesk.verify.ReceiptStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The receipts table: pages of receipts from the platform (model and asset filters asked of it),
 * each page's signatures checked in the background, and the search and state filters applied here.
 */
public final class ReceiptList {

    static final int PAGE_SIZE = 500;

    private final BackgroundTasks tasks;
    private final ReceiptChecker checker;
    private final Consumer<String> say;
    private final Consumer<Throwable> failed;
    private final NewestOnly newest = new NewestOnly();
    private final ObservableList<ReceiptSummary> all = FXCollections.observableArrayList();
    /** What the table shows: all rows, or the filtered ones computed off the FX thread. */
    private final ObservableList<ReceiptSummary> visible = FXCollections.observableArrayList();

    private final StringProperty search = new SimpleStringProperty("");
    private final StringProperty modelFilter = new SimpleStringProperty("");
    private final StringProperty assetFilter = new SimpleStringProperty("");
    private final ObjectProperty<StateFilter> stateFilter = new SimpleObjectProperty<>(StateFilter.ALL);
    /** Written on the FX thread, read by filter runs on workers. */
    private final Map<String, ReceiptStatus> states = new ConcurrentHashMap<>();

    private final ReadOnlyIntegerWrapper statesChecked = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyBooleanWrapper hasMore = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<ReceiptSummary> revealed = new ReadOnlyObjectWrapper<>();

    private long filterRun;
    /** A receipt another page asked to show (Earnings' "Check this receipt"), until it is in the table. */
    private String revealing;

    private PlatformClient client;
    private String nextCursor;

    /** {@code say} puts a line in the page's message; {@code failed} reports what went wrong. */
    ReceiptList(BackgroundTasks tasks, ReceiptChecker checker, Consumer<String> say, Consumer<Throwable> failed) {
        this.tasks = tasks;
        this.checker = checker;
        this.say = say;
        this.failed = failed;
        search.addListener((obs, old, now) -> applyFilter());
        stateFilter.addListener((obs, old, now) -> applyFilter());
    }

    /** Loads the first page from {@code client}, with the model and asset filters as they are now. */
    void refresh(PlatformClient client) {
        this.client = client;
        say.accept("Loading receipts…");
        String model = blankToNull(modelFilter.get());
        String asset = blankToNull(assetFilter.get());
        tasks.run(
                () -> client.receipts(null, PAGE_SIZE, model, asset),
                newest.ask((ReceiptPage page) -> {
                    states.clear();
                    statesChecked.set(0);
                    all.setAll(page.receipts());
                    applyFilter();
                    afterPage(page);
                }),
                failed);
    }

    void loadMore() {
        if (client == null || nextCursor == null) {
            return;
        }
        PlatformClient target = client;
        String cursor = nextCursor;
        String model = blankToNull(modelFilter.get());
        String asset = blankToNull(assetFilter.get());
        tasks.run(
                () -> target.receipts(cursor, PAGE_SIZE, model, asset),
                // A page of the list as it was before a refresh or a filter change is not appended.
                newest.followUp((ReceiptPage page) -> {
                    all.addAll(page.receipts());
                    Predicate<ReceiptSummary> shown = currentFilter();
                    visible.addAll(
                            shown == null
                                    ? page.receipts()
                                    : page.receipts().stream().filter(shown).toList());
                    afterPage(page);
                }),
                failed);
    }

    /**
     * Shows one receipt: the search narrows the table to it and, once it is there, {@link
     * #revealedProperty} names it (the view selects it, which checks it). Only receipts already
     * loaded can be found; the message says so otherwise.
     */
    void reveal(String receiptId) {
        revealing = receiptId;
        if (receiptId.equals(search.get())) {
            revealIfShown();
        } else {
            search.set(receiptId);
        }
    }

    /**
     * Search text and signature state. With 100,000 rows the matching runs on a worker and the
     * table gets the result in one change: a predicate re-run on the FX thread made the table's
     * own bookkeeping of many small removed ranges take 60–200 ms per keystroke.
     */
    private void applyFilter() {
        long run = ++filterRun;
        Predicate<ReceiptSummary> shown = currentFilter();
        if (shown == null) {
            visible.setAll(all);
            return;
        }
        List<ReceiptSummary> snapshot = new ArrayList<>(all);
        tasks.run(
                () -> snapshot.stream().filter(shown).toList(),
                matching -> {
                    if (run == filterRun) {
                        visible.setAll(matching);
                        revealIfShown();
                    }
                },
                failed);
    }

    private void revealIfShown() {
        if (revealing == null) {
            return;
        }
        String wanted = revealing;
        visible.stream()
                .filter(r -> r.receiptId().equals(wanted))
                .findFirst()
                .ifPresentOrElse(
                        r -> {
                            revealing = null;
                            revealed.set(null);
                            revealed.set(r);
                        },
                        () -> say.accept(
                                "Receipt " + wanted + " is not among the receipts loaded here; press Load more."));
    }

    /** The rows to show, or null for all of them. Reads only thread-safe state, so workers may run it. */
    private Predicate<ReceiptSummary> currentFilter() {
        String needle = search.get() == null ? "" : search.get().trim().toLowerCase(Locale.ROOT);
        StateFilter state = stateFilter.get() == null ? StateFilter.ALL : stateFilter.get();
        if (needle.isEmpty() && state == StateFilter.ALL) {
            return null;
        }
        return r -> (needle.isEmpty() || matches(r, needle)) && state.accepts(states.get(r.receiptId()));
    }

    private static boolean matches(ReceiptSummary r, String needle) {
        return r.receiptId().toLowerCase(Locale.ROOT).contains(needle)
                || r.modelId().toLowerCase(Locale.ROOT).contains(needle)
                || r.datasetId().toLowerCase(Locale.ROOT).contains(needle);
    }

    private void afterPage(ReceiptPage page) {
        checkStates(page.receipts());
        nextCursor = page.nextCursor();
        hasMore.set(nextCursor != null);
        say.accept(all.size()
                + (all.size() == 1 ? " receipt" : " receipts")
                + (nextCursor != null ? " (more available)" : ""));
    }

    /** Checks the page's signatures on a worker; the "Signature" column and the state filter follow. */
    private void checkStates(List<ReceiptSummary> page) {
        if (page.isEmpty()) {
            return;
        }
        PlatformClient target = client;
        tasks.run(
                () -> checker.checkSignatures(target, page),
                checked -> {
                    states.putAll(checked);
                    statesChecked.set(states.size());
                    if (stateFilter.get() != StateFilter.ALL) {
                        applyFilter();
                    }
                },
                error -> {
                    // The row keeps "not checked"; selecting it runs the full check and says what failed.
                });
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The rows the table shows. */
    public ObservableList<ReceiptSummary> receipts() {
        return visible;
    }

    /** The receipt {@link #reveal} found; the view selects it. */
    public ReadOnlyObjectProperty<ReceiptSummary> revealedProperty() {
        return revealed.getReadOnlyProperty();
    }

    public StringProperty searchProperty() {
        return search;
    }

    /** Server-side filter: only this model's receipts (applied by the next refresh). */
    public StringProperty modelFilterProperty() {
        return modelFilter;
    }

    /** Server-side filter: only this asset's receipts (applied by the next refresh). */
    public StringProperty assetFilterProperty() {
        return assetFilter;
    }

    public ObjectProperty<StateFilter> stateFilterProperty() {
        return stateFilter;
    }

    /** How many loaded receipts have a checked state; changes once per checked batch. */
    public ReadOnlyIntegerProperty statesCheckedProperty() {
        return statesChecked.getReadOnlyProperty();
    }

    /** Each loaded receipt's signature state once checked; absent while not checked yet. */
    public Map<String, ReceiptStatus> states() {
        return Collections.unmodifiableMap(states);
    }

    public ReadOnlyBooleanProperty hasMoreProperty() {
        return hasMore.getReadOnlyProperty();
    }
}
