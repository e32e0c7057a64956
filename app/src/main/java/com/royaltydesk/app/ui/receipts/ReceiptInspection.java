package com.royaltydesk.app.ui.receipts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.royaltydesk.app.api.PlatformClient;
import com.royaltydesk.app.api.ReceiptSummary;
import com.royaltydesk.app.concurrency.BackgroundTasks;
import com.royaltydesk.app.verify.ReceiptChecker;
import com.royaltydesk.verify.BundleReport;
import com.royaltydesk.verify.ReceiptCheck;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One receipt checked in full — the selected one, live through its bundle from the platform, or a
 * bundle file opened offline — with the verdict, every check the verifier made, the claims in words
 * and as JSON; its bundle saved exactly as checked; a live one disputed.
 */
public final class ReceiptInspection {

    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final BackgroundTasks tasks;
    private final ReceiptChecker checker;
    private final Consumer<String> say;
    private final Consumer<Throwable> failed;
    private final ClaimsInWords words = new ClaimsInWords(Locale.getDefault(), ZoneId.systemDefault());

    private final ReadOnlyObjectWrapper<ReceiptSummary> disputable = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper verdict = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper verdictStyle = new ReadOnlyStringWrapper("none");
    private final ReadOnlyStringWrapper subject = new ReadOnlyStringWrapper("Select a receipt to check it.");
    private final ReadOnlyStringWrapper header = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper signingKey = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper payload = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper claimsInWords = new ReadOnlyStringWrapper("");
    private final ObservableList<BundleReport.Check> checks = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper canExport = new ReadOnlyBooleanWrapper(false);
    private String checkedBundle;

    /** {@code say} puts a line in the page's message; {@code failed} reports what went wrong. */
    ReceiptInspection(BackgroundTasks tasks, ReceiptChecker checker, Consumer<String> say, Consumer<Throwable> failed) {
        this.tasks = tasks;
        this.checker = checker;
        this.say = say;
        this.failed = failed;
    }

    /** Checks a receipt live: its bundle from {@code client}'s platform, verified here. */
    void select(PlatformClient client, ReceiptSummary receipt) {
        disputable.set(receipt);
        subject.set("Checking " + receipt.receiptId() + "…");
        signingKey.set("");
        verdictStyle.set("checking");
        verdict.set("Checking…");
        tasks.run(
                () -> checker.checkLive(client, receipt.receiptId()),
                checked -> show(
                        checked, "Receipt " + receipt.receiptId() + " · checked against the platform's keys and log"),
                this::checkFailed);
    }

    /** Checks a bundle file with no network: the legal reviewer's path. */
    void openBundle(Path file) {
        disputable.set(null);
        subject.set("Checking " + file.getFileName() + "…");
        tasks.run(
                () -> checker.checkFile(file),
                checked -> show(checked, "Bundle " + file.getFileName() + " · checked offline, no network used"),
                this::checkFailed);
    }

    /** Saves the bundle of what is shown, exactly as checked. */
    void exportBundle(Path file) {
        String bundle = checkedBundle;
        if (bundle == null) {
            return;
        }
        tasks.run(
                () -> Files.writeString(file, bundle, StandardCharsets.UTF_8),
                written -> say.accept("Bundle saved to " + file),
                failed);
    }

    /**
     * Disputes the live receipt shown (a creator's own): the platform holds what it earns out of the
     * next payouts until the dispute is resolved; the balances on Earnings show the amount held.
     */
    void dispute(PlatformClient client, String reason) {
        ReceiptSummary receipt = disputable.get();
        if (receipt == null) {
            return;
        }
        tasks.run(
                () -> client.openDispute(receipt.receiptId(), reason),
                opened -> say.accept("Dispute " + opened.disputeId() + " opened on " + receipt.receiptId()
                        + ": what it earns is held out of payouts from the next settlement until it is resolved."
                        + " See Earnings."),
                failed);
    }

    private void checkFailed(Throwable error) {
        failed.accept(error);
        if ("checking".equals(verdictStyle.get())) {
            verdictStyle.set("invalid");
            verdict.set("Could not check");
        }
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

    private static String pretty(Object value) {
        try {
            return PRETTY.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    /** The live receipt shown, which "Dispute…" acts on (a bundle file opened offline is none). */
    public ReadOnlyObjectProperty<ReceiptSummary> disputableProperty() {
        return disputable.getReadOnlyProperty();
    }

    public ObservableList<BundleReport.Check> checks() {
        return checks;
    }

    public ReadOnlyStringProperty verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    /** "valid", "invalid", "sandbox", "checking" or "none": what the badge looks like. */
    public ReadOnlyStringProperty verdictStyleProperty() {
        return verdictStyle.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty subjectProperty() {
        return subject.getReadOnlyProperty();
    }

    /** Which key signed the receipt shown and when that key was valid; empty while none is shown. */
    public ReadOnlyStringProperty signingKeyProperty() {
        return signingKey.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty headerProperty() {
        return header.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty payloadProperty() {
        return payload.getReadOnlyProperty();
    }

    /** What the receipt shown claims, in a sentence (the JSON stays below for those who want it). */
    public ReadOnlyStringProperty claimsInWordsProperty() {
        return claimsInWords.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canExportProperty() {
        return canExport.getReadOnlyProperty();
    }
}
