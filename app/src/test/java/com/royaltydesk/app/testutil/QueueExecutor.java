package com.royaltydesk.app.testutil;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Stands in for the FX thread in view-model tests: handed-back work queues up and runs only when
 * the test thread drains it, so state changes happen on one thread as they do in the app.
 */
public final class QueueExecutor implements Executor {

    private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();

    @Override
    public void execute(Runnable command) {
        queue.add(command);
    }

    /** Waits for the next handed-back task and runs it here; fails the test if none arrives. */
    public void runNext(Duration timeout) throws InterruptedException {
        Runnable next = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
            throw new AssertionError("nothing was handed back to the UI thread within " + timeout);
        }
        next.run();
    }

    /**
     * Runs handed-back tasks here until {@code condition} holds; fails the test if no task arrives
     * within {@code timeout} while it does not. The loop every view-model test waits with.
     */
    public void runUntil(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
                runNext(timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }

    public boolean isEmpty() {
        return queue.isEmpty();
    }
}
