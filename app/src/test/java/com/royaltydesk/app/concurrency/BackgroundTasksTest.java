package com.royaltydesk.app.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.app.testutil.QueueExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackgroundTasksTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final AppExecutors executors = new AppExecutors();
    private final QueueExecutor uiThread = new QueueExecutor();
    private final BackgroundTasks tasks = new BackgroundTasks(executors.workers(), uiThread);

    @AfterEach
    void close() {
        executors.close();
    }

    @Test
    void run_workSucceeds_resultHandedToUiThreadOnly() throws Exception {
        AtomicReference<String> workThread = new AtomicReference<>();
        List<String> results = new ArrayList<>();

        tasks.run(
                () -> {
                    workThread.set(Thread.currentThread().getName());
                    return "done";
                },
                results::add,
                error -> results.add("failed: " + error));
        uiThread.runNext(WAIT);

        assertThat(workThread.get()).startsWith("app-worker-");
        assertThat(results).containsExactly("done");
    }

    @Test
    void run_workThrows_failureHandedToUiThread() throws Exception {
        List<Throwable> failures = new ArrayList<>();

        tasks.run(
                () -> {
                    throw new IllegalStateException("disk full");
                },
                result -> failures.add(new AssertionError("success called")),
                failures::add);
        uiThread.runNext(WAIT);

        assertThat(failures).singleElement().satisfies(e -> assertThat(e).hasMessage("disk full"));
    }

    @Test
    void onEveryFailure_hearsEachFailureFirstAndNoSuccess() throws Exception {
        List<String> heard = new ArrayList<>();
        tasks.onEveryFailure(error -> heard.add("every: " + error.getMessage()));

        tasks.run(() -> "fine", result -> heard.add("ok"), error -> heard.add("own: " + error.getMessage()));
        uiThread.runNext(WAIT);
        tasks.run(
                () -> {
                    throw new IllegalStateException("disk full");
                },
                result -> heard.add("ok"),
                error -> heard.add("own: " + error.getMessage()));
        uiThread.runNext(WAIT);

        assertThat(heard).containsExactly("ok", "every: disk full", "own: disk full");
    }

    @Test
    void run_cancelledWhileRunning_handsNothingBack() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Future<?> future = tasks.run(
                () -> {
                    started.countDown();
                    Thread.sleep(10_000);
                    return "late";
                },
                result -> {},
                error -> {});
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        future.cancel(true);
        executors.close();

        assertThat(uiThread.isEmpty()).isTrue();
    }

    @Test
    void every_period_runsCommandOnUiThreadRepeatedly() throws Exception {
        List<Integer> ticks = new ArrayList<>();

        Future<?> repeating = tasks.every(Duration.ofMillis(20), () -> ticks.add(ticks.size()));
        uiThread.runNext(WAIT);
        uiThread.runNext(WAIT);
        repeating.cancel(false);

        assertThat(ticks).containsExactly(0, 1);
    }

    @Test
    void run_afterTheWorkersStopped_startsNothing_andThrowsNothing() {
        executors.close();
        List<String> heard = new ArrayList<>();

        Future<?> future = tasks.run(() -> "late", heard::add, error -> heard.add("failed"));

        assertThat(future.isDone()).isTrue();
        assertThat(heard).isEmpty();
    }
}
