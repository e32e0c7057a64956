package com.royaltydesk.app.concurrency;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one pool the app owns for network, file and crypto work. Daemon threads, so a forgotten task
 * can never keep the app alive after its window closes; {@link #close()} still stops them in order.
 */
public final class AppExecutors implements AutoCloseable {

    private static final int WORKER_THREADS = 4;

    private final ScheduledThreadPoolExecutor workers;

    public AppExecutors() {
        workers = new ScheduledThreadPoolExecutor(WORKER_THREADS, namedDaemons());
        workers.setRemoveOnCancelPolicy(true);
    }

    public ScheduledExecutorService workers() {
        return workers;
    }

    @Override
    public void close() {
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory namedDaemons() {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "app-worker-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
