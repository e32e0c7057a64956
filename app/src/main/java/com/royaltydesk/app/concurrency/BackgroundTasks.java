package com.royaltydesk.app.concurrency;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The one way view models run slow work: the work runs on the app's worker pool, and its result or
 * failure is handed to the UI executor (the FX thread in the app, the calling thread in tests), so
 * view models never call {@code Platform.runLater} themselves and their tests need no toolkit.
 */
public final class BackgroundTasks {

    private final ScheduledExecutorService workers;
    private final Executor uiThread;
    private volatile Consumer<? super Throwable> everyFailure = error -> {};

    public BackgroundTasks(ScheduledExecutorService workers, Executor uiThread) {
        this.workers = Objects.requireNonNull(workers, "workers");
        this.uiThread = Objects.requireNonNull(uiThread, "uiThread");
    }

    /**
     * Runs {@code work} off the UI thread; then exactly one of {@code onSuccess} or {@code onFailure}
     * runs on the UI thread. Cancelling the returned future before it finishes skips both.
     */
    public <T> Future<?> run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        if (workers.isShutdown()) {
            // The app is closing (a property changed as its window went): nothing new starts, and
            // no stack trace on the way out.
            return CompletableFuture.completedFuture(null);
        }
        return workers.submit(() -> {
            T result;
            try {
                result = work.call();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception | Error e) {
                uiThread.execute(() -> {
                    everyFailure.accept(e);
                    onFailure.accept(e);
                });
                return;
            }
            if (!Thread.currentThread().isInterrupted()) {
                uiThread.execute(() -> onSuccess.accept(result));
            }
        });
    }

    /**
     * Also hands every failure to {@code listener} on the UI thread, before the task's own handler:
     * the app shows each one as a notification, so no error is only in a corner of one page.
     */
    public void onEveryFailure(Consumer<? super Throwable> listener) {
        everyFailure = Objects.requireNonNull(listener, "listener");
    }

    /** Hands {@code update} to the UI thread: for progress reported from inside running work. */
    public void post(Runnable update) {
        uiThread.execute(update);
    }

    /** Runs {@code command} on the UI thread every {@code period}, first after one period. */
    public Future<?> every(Duration period, Runnable command) {
        long millis = period.toMillis();
        return workers.scheduleWithFixedDelay(() -> uiThread.execute(command), millis, millis, TimeUnit.MILLISECONDS);
    }
}
