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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Registering an asset: the content chosen and hashed here ({@link ContentHashing}), its name,
 * license and price model ({@link AssetForm}), and this class's own job — register and upload, and
 * keep what failed chosen, with the reason, for another try. A folder becomes one asset per file,
 * named after its path in the folder.
 */
public final class RegisterAssetViewModel {

    private static final int MAX_LISTED_FAILURES = 5;
    private static final long PROGRESS_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final BackgroundTasks tasks;
    private final ByteSizes sizes;
    private final Runnable onRegistered;
    private final AssetForm form;
    private final ContentHashing content;
    private PlatformClient client;

    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canRegister = new ReadOnlyBooleanWrapper(false);

    /** Files of this choice registered already whose upload failed: their upload URLs. */
    private Map<Path, String> registeredEarlier = Map.of();

    public RegisterAssetViewModel(BackgroundTasks tasks, ContentHasher hasher, Locale locale, Runnable onRegistered) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.sizes = new ByteSizes(locale);
        this.onRegistered = Objects.requireNonNull(onRegistered, "onRegistered");
        this.form = new AssetForm(this::validate);
        this.content = new ContentHashing(
                tasks,
                Objects.requireNonNull(hasher, "hasher"),
                sizes,
                this::validate,
                (path, error) -> status.set("Could not hash " + path + ": " + error.getMessage()));
    }

    public void connect(PlatformClient client) {
        this.client = Objects.requireNonNull(client, "client");
        validate();
    }

    /** Starts hashing {@code path} (a file or a folder), replacing whatever was chosen before; names it after it. */
    public void choose(Path path) {
        registeredEarlier = Map.of();
        status.set("");
        content.choose(path);
        form.nameProperty()
                .set(
                        path.getFileName() == null
                                ? path.toString()
                                : path.getFileName().toString());
    }

    /** Stops hashing; nothing is registered, and the choice can be made again. */
    public void cancelHashing() {
        if (content.cancel()) {
            status.set("Hashing cancelled. Nothing was registered.");
        }
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
        List<FileDigest> files = content.digests();
        Map<Path, String> registeredBefore = Map.copyOf(registeredEarlier);
        int namedAmong = content.batchSize();
        String prefix = form.prefix();
        RegistrationBatch batch = new RegistrationBatch(
                client, prefix, form.licenseId(), form.priceModel().model());
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
        status.set((count == 1 && content.batchSize() == 1
                        ? "Registered “" + prefix + "”"
                        : "Registered " + count + (count == 1 ? " asset" : " assets"))
                + " and uploaded the content; the platform's hash matched this computer's.");
        registeredEarlier = Map.of();
        form.nameProperty().set("");
        content.clear();
    }

    /** What failed stays chosen, with the reason for each, ready for another try. */
    private void keepFailed(RegistrationBatch.Outcome outcome) {
        List<RegistrationBatch.Failure> failures = outcome.failures();
        Map<Path, String> registered = new LinkedHashMap<>();
        failures.stream()
                .filter(f -> f.uploadUrl() != null)
                .forEach(f -> registered.put(f.file().file(), f.uploadUrl()));
        registeredEarlier = registered;
        content.keepOnly(
                failures.stream().map(RegistrationBatch.Failure::file).toList(),
                failures.size() + (failures.size() == 1 ? " file" : " files") + " still to register or upload");
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
        if (error instanceof ApiException api
                && api.field() != null
                && form.showBeside(api.field(), api.getMessage())) {
            status.set("The platform did not accept this: " + api.getMessage());
            return;
        }
        status.set("Not registered: " + error.getMessage());
    }

    /** Updates every field's message and whether Register can be pressed; true when all is valid. */
    private boolean validate() {
        List<FileDigest> digests = content.digests();
        boolean valid = form.check(digests != null || content.isHashing(), this::longestName);
        canRegister.set(valid && digests != null && !content.isHashing() && !busy.get() && client != null);
        return valid && digests != null && !busy.get();
    }

    private int longestName(String prefix) {
        List<FileDigest> digests = content.digests();
        if (digests == null || content.batchSize() == 1) {
            return prefix.length();
        }
        return digests.stream()
                .mapToInt(d -> RegistrationBatch.assetName(prefix, d, content.batchSize())
                        .length())
                .max()
                .orElse(prefix.length());
    }

    /** The name, license and price model. */
    public AssetForm form() {
        return form;
    }

    /** The content chosen and its hashing. */
    public ContentHashing content() {
        return content;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRegisterProperty() {
        return canRegister.getReadOnlyProperty();
    }
}
