package com.royaltydesk.app.ui.assets;

import com.royaltydesk.app.concurrency.BackgroundTasks;
import com.royaltydesk.app.content.ContentHasher;
import com.royaltydesk.app.content.FileDigest;
import com.royaltydesk.app.ui.common.ByteSizes;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The content chosen for registration, hashed on this computer: a file or a folder (one asset per
 * file), with progress, throughput and cancel. A new choice replaces the one before, and the
 * answer of a hash no longer wanted is dropped.
 */
public final class ContentHashing {

    static final String NOTHING_CHOSEN = "No file or folder chosen yet.";
    private static final long PROGRESS_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final BackgroundTasks tasks;
    private final ContentHasher hasher;
    private final ByteSizes sizes;
    private final Runnable onChange;
    private final BiConsumer<Path, Throwable> onFailure;

    private final ReadOnlyStringWrapper source = new ReadOnlyStringWrapper(NOTHING_CHOSEN);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper hashing = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");

    private List<FileDigest> digests;
    /** How many files the choice held: a folder's assets are named by path even when one is left. */
    private int batchSize;

    private Future<?> task;
    private long run;

    /** {@code onChange} runs whenever what is chosen or hashed changes; {@code onFailure} when a hash fails. */
    ContentHashing(
            BackgroundTasks tasks,
            ContentHasher hasher,
            ByteSizes sizes,
            Runnable onChange,
            BiConsumer<Path, Throwable> onFailure) {
        this.tasks = tasks;
        this.hasher = hasher;
        this.sizes = sizes;
        this.onChange = onChange;
        this.onFailure = onFailure;
    }

    /** Starts hashing {@code path}, replacing whatever was chosen before. */
    void choose(Path path) {
        stopTask();
        long thisRun = ++run;
        digests = null;
        summary.set("");
        source.set(path.toAbsolutePath().toString());
        progress.set(0);
        progressText.set("Hashing on this computer…");
        hashing.set(true);
        onChange.run();
        long started = System.nanoTime();
        AtomicLong lastShown = new AtomicLong(0);
        task = tasks.run(
                () -> hasher.hash(path, (done, total) -> {
                    long now = System.nanoTime();
                    if (now - lastShown.get() >= PROGRESS_EVERY_NANOS || done == total) {
                        lastShown.set(now);
                        tasks.post(() -> showProgress(thisRun, done, total, now - started));
                    }
                }),
                result -> hashed(thisRun, result),
                error -> {
                    if (thisRun == run) {
                        hashing.set(false);
                        progressText.set("");
                        onFailure.accept(path, error);
                        onChange.run();
                    }
                });
    }

    /** Stops hashing; true when a hash was running. */
    boolean cancel() {
        if (!hashing.get()) {
            return false;
        }
        stopTask();
        run++;
        hashing.set(false);
        progress.set(0);
        progressText.set("");
        onChange.run();
        return true;
    }

    /** Keeps only {@code files} of the choice (those still to register), saying so in {@code why}. */
    void keepOnly(List<FileDigest> files, String why) {
        digests = List.copyOf(files);
        summary.set(why);
        onChange.run();
    }

    /** Forgets the choice: everything of it was registered. */
    void clear() {
        digests = null;
        summary.set("");
        source.set(NOTHING_CHOSEN);
        progress.set(0);
        progressText.set("");
        onChange.run();
    }

    /** The digests of the finished hash; null while none. */
    List<FileDigest> digests() {
        return digests;
    }

    int batchSize() {
        return batchSize;
    }

    boolean isHashing() {
        return hashing.get();
    }

    private void stopTask() {
        if (task != null) {
            task.cancel(true);
            task = null;
        }
    }

    private void showProgress(long thisRun, long done, long total, long elapsedNanos) {
        if (thisRun != run || !hashing.get()) {
            return;
        }
        // The progress bar's fraction of bytes hashed (0 to 1), not an amount of money.
        progress.set(total == 0 ? 1 : (double) done / total);
        double seconds = elapsedNanos / 1e9;
        progressText.set(sizes.format(done) + " of " + sizes.format(total)
                + (seconds > 0 ? " · " + sizes.perSecond(done / seconds) : ""));
    }

    private void hashed(long thisRun, List<FileDigest> result) {
        if (thisRun != run) {
            return;
        }
        digests = result;
        batchSize = result.size();
        hashing.set(false);
        progress.set(1);
        long total = result.stream().mapToLong(FileDigest::sizeBytes).sum();
        summary.set(
                result.size() == 1
                        ? result.get(0).contentHash() + " (" + sizes.format(total) + ")"
                        : result.size() + " files, " + sizes.format(total) + " — each becomes its own asset");
        onChange.run();
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

    /** The chosen content in one line: its hash and size, or how many files a folder holds. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }
}
