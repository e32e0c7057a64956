package com.royaltydesk.app.ui.receipts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.royaltydesk.app.api.PlatformClient;
import com.royaltydesk.app.api.ReceiptPage;
import com.royaltydesk.app.api.ReceiptSummary;
import com.royaltydesk.app.concurrency.BackgroundTasks;
import com.royaltydesk.app.concurrency.NewestOnly;
import com.royaltydesk.app.verify.ReceiptChecker;
import com.royaltydesk.verify.BundleReport;
import com.royaltydesk.verify.ReceiptCheck;
import com.royaltydesk.verify.ReceiptStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The receipts browser: pages of receipts from the platform, a search filter, and for the selected
 * receipt — or a bundle file opened offline — the verdict with every check the verifier made.
 */
public final class ReceiptsViewModel {

    static final int PAGE_SIZE = 500;
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final BackgroundTasks tasks;
    private final NewestOnly newest = new NewestOnly();
    private final ReceiptChecker checker;
    private final ObservableList<ReceiptSummary> all = FXCollections.observableArrayList();
    /** What the table shows: all rows, or the filtered ones computed off the FX thread. */
    private final ObservableList<ReceiptSummary> visible = FXCollections.observableArrayList();

    private final StringProperty search = new SimpleStringProperty("");
    private final StringProperty modelFilter = new SimpleStringProperty("");
    private final StringProperty assetFilter = new SimpleStringProperty("");
    private final ObjectProperty<StateFilter> stateFilter = new SimpleObjectProperty<>(StateFilter.ALL);
    /** Written on the FX thread, read by filter runs on workers. */
    private final Map<String, ReceiptStatus> states = new ConcurrentHashMap<>();

    private long filterRun;
    private final javafx.beans.property.ReadOnlyObjectWrapper<ReceiptSummary> disputable =
            new javafx.beans.property.ReadOnlyObjectWrapper<>();
    /** A receipt another page asked to show (Earnings' "Check this receipt"), until it is in the table. */
    private String revealing;

    private final javafx.beans.property.ReadOnlyObjectWrapper<ReceiptSummary> revealed =
            new javafx.beans.property.ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper statesChecked = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("Connecting to the platform…");
    private final ReadOnlyBooleanWrapper hasMore = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper verdict = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper sandboxNotice = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper verdictStyle = new ReadOnlyStringWrapper("none");
    private final ReadOnlyStringWrapper subject = new ReadOnlyStringWrapper("Select a receipt to check it.");
    private final ReadOnlyStringWrapper header = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper signingKey = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper payload = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper claimsInWords = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper sandboxSession = new ReadOnlyBooleanWrapper(false);
    private final ClaimsInWords words =
            new ClaimsInWords(java.util.Locale.getDefault(), java.time.ZoneId.systemDefault());
    private final ObservableList<BundleReport.Check> checks = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper canExport = new ReadOnlyBooleanWrapper(false);
    private PlatformClient client;
    private String nextCursor;
    private String checkedBundle;

    public ReceiptsViewModel(BackgroundTasks tasks, ReceiptChecker checker) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.checker = Objects.requireNonNull(checker, "checker");
        search.addListener((obs, old, now) -> applyFilter());
        stateFilter.addListener((obs, old, now) -> applyFilter());
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
                this::failed);
    }

    /**
     * Shows one receipt with its full check: the search narrows the table to it and, once it is
     * there, the view selects it (which checks it). Only receipts already loaded can be found; the
     * message says so otherwise.
     */
    public void reveal(String receiptId) {
        revealing = receiptId;
        if (receiptId.equals(search.get())) {
            revealIfShown();
        } else {
            search.set(receiptId);
        }
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
                        () -> message.set(
                                "Receipt " + wanted + " is not among the receipts loaded here; press Load more."));
    }

    /** The receipt {@link #reveal} found; the view selects it. */
    public javafx.beans.property.ReadOnlyObjectProperty<ReceiptSummary> revealedProperty() {
        return revealed.getReadOnlyProperty();
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

    /** Starts browsing the platform behind {@code client} (a creator's key sees its own receipts). */
    public void connect(PlatformClient client) {
        this.client = Objects.requireNonNull(client, "client");
        refresh();
    }

    public void refresh() {
        if (client == null) {
            return;
        }
        message.set("Loading receipts…");
        PlatformClient target = client;
        String model = blankToNull(modelFilter.get());
        String asset = blankToNull(assetFilter.get());
        tasks.run(
                () -> target.receipts(null, PAGE_SIZE, model, asset),
                newest.ask((ReceiptPage page) -> {
                    states.clear();
                    statesChecked.set(0);
                    all.setAll(page.receipts());
                    applyFilter();
                    afterPage(page);
                }),
                this::failed);
    }

    public void loadMore() {
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
                this::failed);
    }

    private void afterPage(ReceiptPage page) {
        checkStates(page.receipts());
        nextCursor = page.nextCursor();
        hasMore.set(nextCursor != null);
        message.set(all.size()
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

    /** Checks a receipt live: its bundle from the platform, verified here. */
    public void select(ReceiptSummary receipt) {
        if (receipt == null || client == null) {
            return;
        }
        disputable.set(receipt);
        subject.set("Checking " + receipt.receiptId() + "…");
        signingKey.set("");
        verdictStyle.set("checking");
        verdict.set("Checking…");
        PlatformClient target = client;
        tasks.run(
                () -> checker.checkLive(target, receipt.receiptId()),
                checked -> show(
                        checked, "Receipt " + receipt.receiptId() + " · checked against the platform's keys and log"),
                this::failed);
    }

    /**
     * Disputes the selected receipt (a creator's own): the platform holds what it earns out of the
     * next payouts until the dispute is resolved; the balances on Earnings show the amount held.
     */
    public void dispute(String reason) {
        ReceiptSummary receipt = disputable.get();
        if (receipt == null || client == null) {
            return;
        }
        PlatformClient target = client;
        tasks.run(
                () -> target.openDispute(receipt.receiptId(), reason),
                opened -> message.set("Dispute " + opened.disputeId() + " opened on " + receipt.receiptId()
                        + ": what it earns is held out of payouts from the next settlement until it is resolved."
                        + " See Earnings."),
                this::failed);
    }

    /** The live receipt shown, which "Dispute…" acts on (a bundle file opened offline is none). */
    public javafx.beans.property.ReadOnlyObjectProperty<ReceiptSummary> disputableProperty() {
        return disputable.getReadOnlyProperty();
    }

    /** Checks a bundle file with no network: the legal reviewer's path. */
    public void openBundle(Path file) {
        disputable.set(null);
        subject.set("Checking " + file.getFileName() + "…");
        tasks.run(
                () -> checker.checkFile(file),
                checked -> show(checked, "Bundle " + file.getFileName() + " · checked offline, no network used"),
                this::failed);
    }

    /** Saves the bundle of what is shown, exactly as checked. */
    public void exportBundle(Path file) {
        String bundle = checkedBundle;
        if (bundle == null) {
            return;
        }
        tasks.run(
                () -> Files.writeString(file, bundle, StandardCharsets.UTF_8),
                written -> message.set("Bundle saved to " + file),
                this::failed);
    }

    private void show(ReceiptChecker.Checked checked, String what) {
        BundleReport report = checked.report();
        checkedBundle = checked.bundleJson();
        canExport.set(true);
        subject.set(what);
        signingKey.set(checked.signingKey());
        boolean sandbox = report.verified() && report.receipt().isSandbox();
        // Style first, then words: whoever reacts to the verdict sees the badge that goes with it.
        verdictStyle.set(sandbox ? "sandbox" : report.verified() ? "valid" : "invalid");
        verdict.set(sandbox ? Badges.sandboxVerified() : Badges.text(report.status()));
        checks.setAll(report.checks());
        ReceiptCheck receipt = report.receipt();
        header.set(receipt == null ? "" : pretty(receipt.header()));
        payload.set(receipt == null ? "" : pretty(claims(receipt)));
        claimsInWords.set(
                receipt == null
                        ? ""
                        : words.describe(
                                receipt.payload(), receipt.issuedAt(), receipt.expiresAt(), receipt.isSandbox()));
    }

    /** What the selected receipt claims, in a sentence (the JSON stays below for those who want it). */
    public ReadOnlyStringProperty claimsInWordsProperty() {
        return claimsInWords.getReadOnlyProperty();
    }

    /** Whether the receipts shown come from the app's own sandbox: every verdict about them says so. */
    public ReadOnlyBooleanProperty sandboxSessionProperty() {
        return sandboxSession.getReadOnlyProperty();
    }

    /** The registered claims in their usual order, then the payload. */
    private static Map<String, Object> claims(ReceiptCheck receipt) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", receipt.issuer());
        claims.put("sub", receipt.receiptId());
        claims.put("iat", String.valueOf(receipt.issuedAt()));
        claims.put("exp", String.valueOf(receipt.expiresAt()));
        claims.put("payload", receipt.payload());
        return claims;
    }

    private void failed(Throwable error) {
        message.set(error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage());
        if ("checking".equals(verdictStyle.get())) {
            verdictStyle.set("invalid");
            verdict.set("Could not check");
        }
    }

    private static String pretty(Object value) {
        try {
            return PRETTY.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    public ObservableList<ReceiptSummary> receipts() {
        return visible;
    }

    public ObservableList<BundleReport.Check> checks() {
        return checks;
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

    public ReadOnlyStringProperty sandboxNoticeProperty() {
        return sandboxNotice.getReadOnlyProperty();
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasMoreProperty() {
        return hasMore.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    /** "valid", "invalid", "checking" or "none": what the badge looks like. */
    public ReadOnlyStringProperty verdictStyleProperty() {
        return verdictStyle.getReadOnlyProperty();
    }

    /** Which key signed the receipt shown and when that key was valid; empty while none is shown. */
    public ReadOnlyStringProperty signingKeyProperty() {
        return signingKey.getReadOnlyProperty();
    }

    /** Server-side filter: only this model's receipts (applied by {@link #refresh}). */
    public StringProperty modelFilterProperty() {
        return modelFilter;
    }

    /** Server-side filter: only this asset's receipts (applied by {@link #refresh}). */
    public StringProperty assetFilterProperty() {
        return assetFilter;
    }

    /** How many loaded receipts have a checked state; changes once per checked batch. */
    public ReadOnlyIntegerProperty statesCheckedProperty() {
        return statesChecked.getReadOnlyProperty();
    }

    public ObjectProperty<StateFilter> stateFilterProperty() {
        return stateFilter;
    }

    /** Each loaded receipt's signature state once checked; absent while not checked yet. */
    public Map<String, ReceiptStatus> states() {
        return Collections.unmodifiableMap(states);
    }

    public ReadOnlyStringProperty subjectProperty() {
        return subject.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty headerProperty() {
        return header.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty payloadProperty() {
        return payload.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canExportProperty() {
        return canExport.getReadOnlyProperty();
    }
}
