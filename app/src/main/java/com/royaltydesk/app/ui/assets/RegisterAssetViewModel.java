package com.royaltydesk.app.ui.assets;

import com.royaltydesk.app.api.ApiException;
import com.royaltydesk.app.api.PlatformClient;
import com.royaltydesk.app.concurrency.BackgroundTasks;
import com.royaltydesk.app.content.ContentHasher;
import com.royaltydesk.app.content.FileDigest;
import com.royaltydesk.app.ui.common.ByteSizes;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Registering an asset: choose a file or folder, hash it here (progress, throughput, cancel), name
 * it, choose a license and a price model — each field says what is wrong beside it — then register
 * and upload. A folder becomes one asset per file, named after its path in the folder.
 */
public final class RegisterAssetViewModel {

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
    private static final int MAX_LISTED_FAILURES = 5;
    private static final long PROGRESS_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final BackgroundTasks tasks;
    private final ContentHasher hasher;
    private final ByteSizes sizes;
    private final Runnable onRegistered;
    private PlatformClient client;

    private final ReadOnlyStringWrapper source = new ReadOnlyStringWrapper("No file or folder chosen yet.");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper hashing = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper hashSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canRegister = new ReadOnlyBooleanWrapper(false);

    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty license = new SimpleStringProperty("cc-by-4.0");
    private final StringProperty priceType = new SimpleStringProperty("per_use");
    private final StringProperty rate = new SimpleStringProperty("0.0001");
    private final StringProperty share = new SimpleStringProperty("");
    private final StringProperty floor = new SimpleStringProperty("");
    private final StringProperty weight = new SimpleStringProperty("");
    private final StringProperty currency = new SimpleStringProperty("USD");
    private final Map<String, ReadOnlyStringWrapper> errors = new LinkedHashMap<>();

    private List<FileDigest> digests;
    /** How many files the chosen file or folder held: a folder's assets are named by path even when one is left. */
    private int batchSize;
    /** Files of this choice registered already whose upload failed: their upload URLs. */
    private Map<Path, String> registeredEarlier = Map.of();

    private Future<?> hashingTask;
    private long hashingRun;

    public RegisterAssetViewModel(BackgroundTasks tasks, ContentHasher hasher, Locale locale, Runnable onRegistered) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.sizes = new ByteSizes(locale);
        this.onRegistered = Objects.requireNonNull(onRegistered, "onRegistered");
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
            field.addListener((obs, old, now) -> validate());
        }
    }

    public void connect(PlatformClient client) {
        this.client = Objects.requireNonNull(client, "client");
        validate();
    }

    /** Starts hashing {@code path} (a file or a folder), replacing whatever was chosen before. */
    public void choose(Path path) {
        cancelRunningHash();
        long run = ++hashingRun;
        digests = null;
        registeredEarlier = Map.of();
        hashSummary.set("");
        status.set("");
        source.set(path.toAbsolutePath().toString());
        name.set(
                path.getFileName() == null
                        ? path.toString()
                        : path.getFileName().toString());
        progress.set(0);
        progressText.set("Hashing on this computer…");
        hashing.set(true);
        validate();
        long started = System.nanoTime();
        AtomicLong lastShown = new AtomicLong(0);
        hashingTask = tasks.run(
                () -> hasher.hash(path, (done, total) -> {
                    long now = System.nanoTime();
                    if (now - lastShown.get() >= PROGRESS_EVERY_NANOS || done == total) {
                        lastShown.set(now);
                        tasks.post(() -> showHashProgress(run, done, total, now - started));
                    }
                }),
                result -> hashed(run, result),
                error -> {
                    if (run == hashingRun) {
                        hashing.set(false);
                        progressText.set("");
                        status.set("Could not hash " + path + ": " + error.getMessage());
                        validate();
                    }
                });
    }

    /** Stops hashing; nothing is registered, and the choice can be made again. */
    public void cancelHashing() {
        if (!hashing.get()) {
            return;
        }
        cancelRunningHash();
        hashingRun++;
        hashing.set(false);
        progress.set(0);
        progressText.set("");
        status.set("Hashing cancelled. Nothing was registered.");
        validate();
    }

    private void cancelRunningHash() {
        if (hashingTask != null) {
            hashingTask.cancel(true);
            hashingTask = null;
        }
    }

    private void showHashProgress(long run, long done, long total, long elapsedNanos) {
        if (run != hashingRun || !hashing.get()) {
            return;
        }
        // The progress bar's fraction of bytes hashed (0 to 1), not an amount of money.
        progress.set(total == 0 ? 1 : (double) done / total);
        double seconds = elapsedNanos / 1e9;
        progressText.set(sizes.format(done) + " of " + sizes.format(total)
                + (seconds > 0 ? " · " + sizes.perSecond(done / seconds) : ""));
    }

    private void hashed(long run, List<FileDigest> result) {
        if (run != hashingRun) {
            return;
        }
        digests = result;
        batchSize = result.size();
        hashing.set(false);
        progress.set(1);
        long total = result.stream().mapToLong(FileDigest::sizeBytes).sum();
        hashSummary.set(
                result.size() == 1
                        ? result.get(0).contentHash() + " (" + sizes.format(total) + ")"
                        : result.size() + " files, " + sizes.format(total) + " — each becomes its own asset");
        validate();
    }

    /**
     * Registers every hashed file and uploads its content; the platform hashes it again and must
     * agree. Files that fail stay chosen, so pressing Register again tries only those — and uploads
     * again, without registering twice, a file whose upload was what failed.
     */
    public void register() {
        if (!validate() || client == null) {
            return;
        }
        List<FileDigest> files = digests;
        Map<Path, String> registeredBefore = Map.copyOf(registeredEarlier);
        int namedAmong = batchSize;
        String prefix = name.get().strip();
        RegistrationBatch batch = new RegistrationBatch(
                client,
                prefix,
                license.get().strip().toLowerCase(Locale.ROOT),
                priceModel().model());
        busy.set(true);
        validate();
        status.set("Registering…");
        AtomicLong lastShown = new AtomicLong(0);
        tasks.run(
                () -> batch.run(files, registeredBefore, namedAmong, (number, count, file, sent) -> {
                    long now = System.nanoTime();
                    if (now - lastShown.get() >= PROGRESS_EVERY_NANOS) {
                        lastShown.set(now);
                        tasks.post(() -> status.set("Uploading " + number + " of " + count + ": " + sizes.format(sent)
                                + " of " + sizes.format(file.sizeBytes())));
                    }
                }),
                outcome -> {
                    busy.set(false);
                    if (outcome.failures().isEmpty()) {
                        registeredAll(prefix, files.size());
                    } else {
                        keepFailed(outcome);
                    }
                    onRegistered.run(); // files registered before a failure are listed too
                },
                error -> {
                    busy.set(false);
                    validate();
                    showPlatformError(error);
                    onRegistered.run();
                });
    }

    private void registeredAll(String prefix, int count) {
        status.set((count == 1 && batchSize == 1
                        ? "Registered “" + prefix + "”"
                        : "Registered " + count + (count == 1 ? " asset" : " assets"))
                + " and uploaded the content; the platform's hash matched this computer's.");
        digests = null;
        registeredEarlier = Map.of();
        hashSummary.set("");
        source.set("No file or folder chosen yet.");
        name.set("");
        progress.set(0);
        progressText.set("");
        validate();
    }

    /** What failed stays chosen, with the reason for each, ready for another try. */
    private void keepFailed(RegistrationBatch.Outcome outcome) {
        List<RegistrationBatch.Failure> failures = outcome.failures();
        digests = failures.stream().map(RegistrationBatch.Failure::file).toList();
        Map<Path, String> registered = new LinkedHashMap<>();
        failures.stream()
                .filter(f -> f.uploadUrl() != null)
                .forEach(f -> registered.put(f.file().file(), f.uploadUrl()));
        registeredEarlier = registered;
        hashSummary.set(failures.size() + (failures.size() == 1 ? " file" : " files") + " still to register or upload");
        validate();
        RegistrationBatch.Failure first = failures.get(0);
        if (outcome.done() == 0 && failures.size() == 1 && first.uploadUrl() != null) {
            status.set("Registered, but the upload failed: " + first.error().getMessage()
                    + "\nPress “Register and upload” to upload it again.");
            return;
        }
        if (outcome.done() == 0 && failures.stream().allMatch(f -> f.error() == first.error())) {
            // One file, or one refusal of a field every file shares: said beside that field.
            showPlatformError(first.error());
            return;
        }
        StringBuilder text = new StringBuilder()
                .append("Registered ")
                .append(outcome.done())
                .append(" of ")
                .append(outcome.done() + failures.size())
                .append(". Not done:");
        failures.stream()
                .limit(MAX_LISTED_FAILURES)
                .forEach(f -> text.append("\n• ")
                        .append(f.file().name())
                        .append(f.uploadUrl() != null ? " (registered, upload failed)" : "")
                        .append(": ")
                        .append(f.error().getMessage()));
        if (failures.size() > MAX_LISTED_FAILURES) {
            text.append("\n… and ")
                    .append(failures.size() - MAX_LISTED_FAILURES)
                    .append(" more");
        }
        status.set(
                text.append("\nPress “Register and upload” to try these again.").toString());
    }

    private void showPlatformError(Throwable error) {
        if (error instanceof ApiException api && api.field() != null) {
            String field = api.field().replaceFirst("^price_model\\.", "");
            ReadOnlyStringWrapper beside = errors.get(field);
            if (beside != null) {
                beside.set(api.getMessage());
                status.set("The platform did not accept this: " + api.getMessage());
                return;
            }
        }
        status.set("Not registered: " + error.getMessage());
    }

    private PriceModelInput.Result priceModel() {
        return PriceModelInput.check(new PriceModelInput.Fields(
                priceType.get(), rate.get(), share.get(), floor.get(), weight.get(), currency.get()));
    }

    /** Updates every field's message and whether Register can be pressed; true when all is valid. */
    private boolean validate() {
        Map<String, String> found = new LinkedHashMap<>(priceModel().errors());
        String prefix = name.get() == null ? "" : name.get().strip();
        boolean chosen = digests != null || hashing.get();
        if (prefix.isEmpty() && chosen) {
            found.put(NAME, "Give the asset a name.");
        } else if (longestName(prefix) > MAX_NAME) {
            found.put(NAME, "Names are at most " + MAX_NAME + " characters, folder paths included.");
        }
        String licenseId = license.get() == null ? "" : license.get().strip().toLowerCase(Locale.ROOT);
        if (licenseId.isEmpty()) {
            found.put(LICENSE, "Choose a license.");
        } else if (!LICENSES.contains(licenseId)
                && !CUSTOM_LICENSE.matcher(licenseId).matches()) {
            found.put(LICENSE, "Choose one from the list, or write licenseref-<name> for your own terms.");
        }
        errors.forEach((field, message) -> message.set(found.getOrDefault(field, "")));
        boolean valid = found.isEmpty() && !prefix.isEmpty();
        canRegister.set(valid && digests != null && !hashing.get() && !busy.get() && client != null);
        return valid && digests != null && !busy.get();
    }

    private int longestName(String prefix) {
        if (digests == null || batchSize == 1) {
            return prefix.length();
        }
        return digests.stream()
                .mapToInt(d -> RegistrationBatch.assetName(prefix, d, batchSize).length())
                .max()
                .orElse(prefix.length());
    }

    /** The message beside {@code field} ({@link #NAME}, {@link #LICENSE}, or a price-model field); empty when fine. */
    public ReadOnlyStringProperty errorProperty(String field) {
        return errors.get(field).getReadOnlyProperty();
    }

    public ReadOnlyStringProperty sourceProperty() {
        return source.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hashingProperty() {
        return hashing.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty hashSummaryProperty() {
        return hashSummary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRegisterProperty() {
        return canRegister.getReadOnlyProperty();
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

    /** The digests of the finished hash, for tests and the summary; null while none. */
    List<FileDigest> digests() {
        return digests;
    }
}
