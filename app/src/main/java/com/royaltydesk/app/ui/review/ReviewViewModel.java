package com.royaltydesk.app.ui.review;

import com.royaltydesk.app.api.PlatformClient;
import com.royaltydesk.app.concurrency.BackgroundTasks;
import com.royaltydesk.app.content.ContentHasher;
import com.royaltydesk.app.review.Comparison;
import com.royaltydesk.app.review.OnlineCheck;
import com.royaltydesk.app.review.ReviewReport;
import com.royaltydesk.app.review.ReviewedBundle;
import com.royaltydesk.app.verify.ReceiptChecker;
import com.royaltydesk.app.verify.TrustRootWords;
import com.royaltydesk.app.verify.TrustStore;
import com.royaltydesk.verify.LogFreshness;
import com.royaltydesk.verify.trust.TrustRoot;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The reviewer's desk (issue #18): bundles opened from files, each checked offline against the
 * trust roots this computer holds; a platform trusted only after its thumbprints were shown and the
 * reviewer said yes; the reviewer's own copy of a dataset hashed and compared with the content the
 * receipt proves; and the report exported for a case file. No sign-in, no platform, and no network
 * unless the reviewer fetches a trust root from an address they typed.
 */
public final class ReviewViewModel {

    private static final long PROGRESS_EVERY_NANOS = 100_000_000L;
    private static final String BUNDLE_KEYS = "keys carried inside ";

    private final BackgroundTasks tasks;
    private final ReceiptChecker checker;
    private final TrustStore trust;
    private final ContentHasher hasher;
    private final Clock clock;
    private final String toolVersion;
    private final ObservableList<ReviewedBundle> bundles = FXCollections.observableArrayList();
    private final ObjectProperty<ReviewedBundle> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper trustQuestion = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper askingTrust = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper hashing = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private TrustRoot candidate;
    private Future<?> hashingTask;
    private long hashingRun;

    public ReviewViewModel(
            BackgroundTasks tasks,
            ReceiptChecker checker,
            TrustStore trust,
            ContentHasher hasher,
            Clock clock,
            String toolVersion) {
        this.tasks = tasks;
        this.checker = checker;
        this.trust = trust;
        this.hasher = hasher;
        this.clock = clock;
        this.toolVersion = toolVersion;
    }

    /** Checks each file and adds it to the list (again, if it was there); selects the first. */
    public void open(List<Path> files) {
        if (files.isEmpty()) {
            return;
        }
        tasks.run(
                () -> {
                    List<ReviewedBundle> checked = new ArrayList<>();
                    for (Path file : files) {
                        checked.add(check(file.toAbsolutePath()));
                    }
                    return checked;
                },
                checked -> {
                    for (ReviewedBundle bundle : checked) {
                        bundles.removeIf(b -> b.file().equals(bundle.file()));
                        bundles.add(bundle);
                    }
                    selected.set(checked.get(0));
                    message.set(
                            checked.size() == 1
                                    ? "Checked " + checked.get(0).file().getFileName() + " on this computer."
                                    : "Checked " + checked.size() + " bundles on this computer.");
                },
                error -> message.set("Could not open: " + error.getMessage()));
    }

    private ReviewedBundle check(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String sha256 = HexFormat.of().formatHex(sha256().digest(bytes));
        // One read: the bytes hashed for the report's header are the bytes checked.
        return new ReviewedBundle(
                file, sha256, checker.checkBundle(new String(bytes, StandardCharsets.UTF_8)), clock.instant());
    }

    /** Shows a trust root from a file and asks; nothing is trusted until {@link #trustPending}. */
    public void offerTrustFromFile(Path file) {
        tasks.run(
                () -> TrustRoot.parse(Files.readString(file), "file " + file.toAbsolutePath()),
                this::ask,
                error -> message.set("Not a usable trust root: " + error.getMessage()));
    }

    /**
     * Fetches the trust root a platform publishes at {@code address} — the one time this window goes
     * to the network, because the reviewer typed where.
     */
    public void offerTrustFromAddress(String address) {
        tasks.run(
                () -> {
                    URI uri = URI.create(address.strip());
                    if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
                        throw new IOException("an http or https address is needed, not " + address);
                    }
                    if (uri.getPath() == null
                            || uri.getPath().isEmpty()
                            || uri.getPath().equals("/")) {
                        uri = uri.resolve("/.well-known/rdk-trust-root.json");
                    }
                    HttpClient http = HttpClient.newBuilder()
                            .connectTimeout(Duration.ofSeconds(10))
                            .build();
                    HttpResponse<String> response = http.send(
                            HttpRequest.newBuilder(uri)
                                    .timeout(Duration.ofSeconds(20))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                        throw new IOException(uri + " answered " + response.statusCode());
                    }
                    return TrustRoot.parse(response.body(), uri.toString());
                },
                this::ask,
                error -> message.set("Could not fetch a trust root: " + error.getMessage()));
    }

    /**
     * The keys the selected bundle carries, offered as a trust root: the weakest source there is —
     * anyone can put keys in a bundle — so the question says so, with every thumbprint to compare.
     */
    public void offerTrustFromBundleHint() {
        ReviewedBundle bundle = selected.get();
        if (bundle == null) {
            return;
        }
        tasks.run(
                () -> {
                    var node = new com.fasterxml.jackson.databind.ObjectMapper()
                            .readTree(bundle.checked().bundleJson());
                    var jwks = node.path("hints").path("jwks");
                    if (jwks.isMissingNode() || !jwks.isObject()) {
                        jwks = node.path("jwks");
                    }
                    if (!jwks.isObject()) {
                        throw new IOException("this bundle carries no keys");
                    }
                    return TrustRoot.fromJwks(
                            jwks.toString(), BUNDLE_KEYS + bundle.file().getFileName());
                },
                this::ask,
                error -> message.set("No keys to offer: " + error.getMessage()));
    }

    private void ask(TrustRoot root) {
        candidate = root;
        String question = TrustRootWords.question(root);
        if (root.source() != null && root.source().startsWith(BUNDLE_KEYS)) {
            // The weakest source: a forger puts their own keys in the bundles they forge.
            question = "Careful: these keys came inside the bundle itself, and anyone can put keys in a bundle."
                    + " Trust them only if every thumbprint below matches what the platform's operator gave you.\n"
                    + question;
        }
        trustQuestion.set(question);
        askingTrust.set(true);
    }

    /** The reviewer said yes to what was shown: saved, and every open bundle checked again. */
    public void trustPending() {
        TrustRoot root = candidate;
        if (root == null) {
            return;
        }
        List<Path> files = bundles.stream().map(ReviewedBundle::file).toList();
        tasks.run(
                () -> {
                    trust.add(root, false);
                    List<ReviewedBundle> rechecked = new ArrayList<>();
                    for (Path file : files) {
                        rechecked.add(check(file));
                    }
                    return rechecked;
                },
                rechecked -> {
                    clearQuestion();
                    Path current =
                            selected.get() == null ? null : selected.get().file();
                    bundles.setAll(rechecked);
                    rechecked.stream()
                            .filter(b -> b.file().equals(current))
                            .findFirst()
                            .ifPresent(selected::set);
                    message.set("Trusted " + root.issuer() + ". Every open bundle was checked again.");
                },
                error -> message.set("Could not trust it: " + error.getMessage()));
    }

    public void dismissQuestion() {
        clearQuestion();
        message.set("Not trusted.");
    }

    private void clearQuestion() {
        candidate = null;
        trustQuestion.set("");
        askingTrust.set(false);
    }

    /** Hashes {@code source} (a file or folder) and compares it with the content the selected receipt proves. */
    public void compareWith(Path source) {
        ReviewedBundle bundle = selected.get();
        if (bundle == null) {
            return;
        }
        cancelComparison();
        long run = ++hashingRun;
        hashing.set(true);
        progress.set(0);
        message.set("Hashing " + source.getFileName() + " on this computer…");
        AtomicLong lastShown = new AtomicLong(0);
        hashingTask = tasks.run(
                () -> hasher.hash(source, (done, total) -> {
                    long now = System.nanoTime();
                    if (now - lastShown.get() >= PROGRESS_EVERY_NANOS || done == total) {
                        lastShown.set(now);
                        tasks.post(() -> {
                            if (run == hashingRun) {
                                // A progress bar's fraction of bytes hashed, not an amount of money.
                                progress.set(total == 0 ? 1 : (double) done / total);
                            }
                        });
                    }
                }),
                digests -> {
                    if (run != hashingRun) {
                        return;
                    }
                    hashing.set(false);
                    progress.set(1);
                    Comparison comparison = new Comparison(source.toAbsolutePath(), digests, bundle.provenContent());
                    replace(bundle, bundle.comparedWith(comparison));
                    message.set(comparison.words());
                },
                error -> {
                    if (run == hashingRun) {
                        hashing.set(false);
                        message.set("Could not hash " + source + ": " + error.getMessage());
                    }
                });
    }

    /** Stops hashing; the bundle keeps whatever comparison it had. */
    public void cancelComparison() {
        if (hashingTask != null) {
            hashingTask.cancel(true);
            hashingTask = null;
        }
        if (hashing.get()) {
            hashingRun++;
            hashing.set(false);
            progress.set(0);
            message.set("Comparison cancelled.");
        }
    }

    private void replace(ReviewedBundle old, ReviewedBundle next) {
        int at = bundles.indexOf(old);
        if (at >= 0) {
            bundles.set(at, next);
        }
        if (selected.get() == old) {
            selected.set(next);
        }
    }

    /**
     * Asks the platform at {@code address} — the reviewer typed it, so this is the network use they
     * asked for — for its newest checkpoint and a consistency proof from the bundle's, and says
     * whether the log the receipt was proven in still stands. Only for a bundle a trusted root vouched for.
     */
    public void checkOnline(String address) {
        ReviewedBundle bundle = selected.get();
        if (bundle == null) {
            return;
        }
        var receipt = bundle.report().receipt();
        if (receipt == null || receipt.vouchedBy() == null || bundle.report().log() == null) {
            message.set("Trust the platform first: only a checkpoint its log key signed can be compared online.");
            return;
        }
        message.set("Asking " + address + " for its newest checkpoint…");
        tasks.run(
                () -> {
                    try (PlatformClient platform = PlatformClient.connect(address.strip())) {
                        String note = platform.checkpointNote();
                        LogFreshness.Result result = LogFreshness.check(
                                bundle.checked().bundleJson(),
                                receipt.vouchedBy().held(),
                                trust.policy().witnesses(),
                                note,
                                (origin, first, second) -> Optional.of(platform.consistency(first, second)));
                        return new OnlineCheck(address.strip(), clock.instant(), result);
                    }
                },
                online -> {
                    replace(bundle, bundle.checkedOnline(online));
                    message.set(online.words());
                },
                error -> message.set("Could not check online: " + error.getMessage()));
    }

    /** Writes the selected bundle's report as a PDF and, beside it, the same as JSON. */
    public void exportReport(Path pdf) {
        ReviewedBundle bundle = selected.get();
        if (bundle == null) {
            return;
        }
        tasks.run(
                () -> {
                    ReviewReport.write(bundle, toolVersion, pdf);
                    return pdf;
                },
                written -> message.set("Report written: " + written + " and "
                        + ReviewReport.jsonBeside(written).getFileName() + " beside it."),
                error -> message.set("Could not write the report: " + error.getMessage()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public ObservableList<ReviewedBundle> bundles() {
        return bundles;
    }

    public ObjectProperty<ReviewedBundle> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty trustQuestionProperty() {
        return trustQuestion.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty askingTrustProperty() {
        return askingTrust.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hashingProperty() {
        return hashing.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }
}
