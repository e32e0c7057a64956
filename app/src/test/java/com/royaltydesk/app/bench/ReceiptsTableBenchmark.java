package com.royaltydesk.app.bench;

import com.royaltydesk.app.api.PlatformClient;
import com.royaltydesk.app.concurrency.AppExecutors;
import com.royaltydesk.app.concurrency.BackgroundTasks;
import com.royaltydesk.app.testutil.SandboxCalls;
import com.royaltydesk.app.ui.common.DialogService;
import com.royaltydesk.app.ui.receipts.ReceiptsView;
import com.royaltydesk.app.ui.receipts.ReceiptsViewModel;
import com.royaltydesk.app.ui.receipts.StateFilter;
import com.royaltydesk.app.verify.ReceiptChecker;
import com.royaltydesk.app.verify.TrustStore;
import com.royaltydesk.platform.PlatformConfig;
import com.royaltydesk.platform.PlatformServer;
import com.royaltydesk.verify.trust.TrustRoot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

/**
 * The receipts table with many receipts, on a real display: fills a sandbox platform with N receipts
 * (default 100,000), pages them all into the Receipts view, waits for every signature state, then
 * scrolls end to end and filters. Measures every handler the app runs on the FX thread (page
 * appends, state batches, scroll steps, filter changes) and every layout pulse. Prints numbers;
 * asserts nothing. Run with {@code bench/receipts-table.sh [receipts]}.
 */
public final class ReceiptsTableBenchmark {

    private static final List<Long> handlers = Collections.synchronizedList(new ArrayList<>());
    private static final List<Long> pulses = Collections.synchronizedList(new ArrayList<>());
    /** Pulses over 50 ms: when (the benchmark's phase) and how much of it was a GC pause. */
    private static final List<String> longPulses = Collections.synchronizedList(new ArrayList<>());

    private static volatile String phase = "window shown";

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = Files.createTempDirectory("rdk-table-bench");
        Path platformDir = dir.resolve("platform");
        try (PlatformServer platform = PlatformServer.start(PlatformConfig.embedded(platformDir))) {
            fill(platform.baseUrl(), SandboxCalls.platformKey(platformDir), count);
            run(platform.baseUrl(), SandboxCalls.creatorKey(platformDir), count);
        } finally {
            Platform.exit();
        }
    }

    /** Records proof-of-training {@code count} times from 8 threads, 20 models. */
    private static void fill(String baseUrl, String platformKey, int count) throws Exception {
        long started = System.nanoTime();
        HttpClient http = HttpClient.newHttpClient();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    String body =
                            "{\"dataset_id\":\"ds_sandbox_demo\",\"creator_id\":\"creator_42\",\"model_id\":\"model-"
                                    + (i % 20) + "\",\"artifact_hash\":\"sha256:" + "ab".repeat(32)
                                    + "\",\"metadata\":{\"license\":\"cc-by-4.0\",\"portion_used\":0.1}}";
                    HttpResponse<Void> response = http.send(
                            HttpRequest.newBuilder(URI.create(baseUrl + "/v1/proof-of-training"))
                                    .header("Authorization", "Bearer " + platformKey)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() != 201) {
                        throw new IllegalStateException("proof-of-training answered " + response.statusCode());
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("filled %,d receipts in %.1f s (%.0f/s)%n", count, seconds, count / seconds);
    }

    private static void run(String baseUrl, String creatorKey, int count) throws Exception {
        AppExecutors executors = new AppExecutors();
        // Every handler the app hands to the FX thread, timed there.
        BackgroundTasks tasks = new BackgroundTasks(
                executors.workers(),
                command -> Platform.runLater(() -> {
                    long t0 = System.nanoTime();
                    command.run();
                    handlers.add(System.nanoTime() - t0);
                }));
        tasks.onEveryFailure(error -> System.err.println("background work failed: " + error));
        PlatformClient client = PlatformClient.connect(baseUrl, creatorKey);
        TrustStore trust = new TrustStore(Files.createTempDirectory("rdk-bench-trust"), Clock.systemUTC());
        trust.trustSessionSandbox(TrustRoot.parse(client.trustRoot(), baseUrl));
        ReceiptsViewModel viewModel = new ReceiptsViewModel(tasks, new ReceiptChecker(Clock.systemUTC(), trust, null));
        CountDownLatch shown = new CountDownLatch(1);
        TableView<?>[] table = new TableView<?>[1];
        Platform.startup(() -> {
            ReceiptsView view = new ReceiptsView(viewModel, new DialogService());
            Scene scene = new Scene(view, 1120, 720);
            long[] pulseStart = new long[2];
            scene.addPreLayoutPulseListener(() -> {
                pulseStart[0] = System.nanoTime();
                pulseStart[1] = gcPauseMillis();
            });
            scene.addPostLayoutPulseListener(() -> {
                long took = System.nanoTime() - pulseStart[0];
                pulses.add(took);
                if (took > 50_000_000L) {
                    longPulses.add(String.format(
                            "%s: %.0f ms, of it GC pauses %d ms", phase, took / 1e6, gcPauseMillis() - pulseStart[1]));
                }
            });
            Stage stage = new Stage();
            stage.setScene(scene);
            stage.show();
            table[0] = (TableView<?>) view.lookup("#receipts-table");
            shown.countDown();
        });
        shown.await();

        long started = System.nanoTime();
        phase = "paging in";
        Platform.runLater(() -> viewModel.connect(client));
        while (true) {
            await(() -> fx(() -> !viewModel.messageProperty().get().startsWith("Loading")));
            int loaded = fx(() -> viewModel.list().receipts().size());
            if (loaded >= count || !fx(() -> viewModel.list().hasMoreProperty().get())) {
                break;
            }
            int before = loaded;
            Platform.runLater(viewModel::loadMore);
            await(() -> fx(() -> viewModel.list().receipts().size() > before));
        }
        System.out.printf(
                "paged %,d receipts into the table in %.1f s (pages of 500)%n",
                fx(() -> viewModel.list().receipts().size()), (System.nanoTime() - started) / 1e9);
        await(() -> fx(() -> viewModel.list().statesCheckedProperty().get() >= count));
        System.out.printf(
                "every signature state checked %.1f s after the first page%n", (System.nanoTime() - started) / 1e9);
        report("loading: page appends and state batches", handlers);

        phase = "scrolling";
        List<Long> scrolling = new ArrayList<>();
        int slowStepsWithGc = 0;
        for (int step = 0; step <= 400; step++) {
            int row = (int) ((long) count * step / 400);
            long gcBefore = gcPauseMillis();
            long took = fxTimed(() -> {
                table[0].scrollTo(Math.min(row, count - 1));
                table[0].layout();
            });
            scrolling.add(took);
            if (took > 50_000_000L && gcPauseMillis() > gcBefore) {
                slowStepsWithGc++;
            }
            Thread.sleep(8);
        }
        report("scrolling end to end in 400 steps (scrollTo + layout)", scrolling);
        System.out.println("  scroll steps over 50 ms that held a GC pause: " + slowStepsWithGc);

        // Filtering: the property change on the FX thread, then (matching runs on a worker) the
        // handler that hands the result to the table, then the layout that shows it.
        phase = "filtering";
        List<Long> filtering = new ArrayList<>();
        int handlersBefore = handlers.size();
        for (String search : List.of("model-7", "model-1", "", "pt_", "")) {
            filtering.add(fxTimed(() -> viewModel.list().searchProperty().set(search)));
            Thread.sleep(400);
            filtering.add(fxTimed(() -> table[0].layout()));
        }
        for (StateFilter state : List.of(StateFilter.NOT_VERIFIED, StateFilter.VERIFIED, StateFilter.ALL)) {
            filtering.add(fxTimed(() -> viewModel.list().stateFilterProperty().set(state)));
            Thread.sleep(400);
            filtering.add(fxTimed(() -> table[0].layout()));
        }
        synchronized (handlers) {
            filtering.addAll(handlers.subList(handlersBefore, handlers.size()));
        }
        report("filtering: property change, result handler, layout", filtering);
        report("layout/CSS pulses during the whole run", pulses);
        synchronized (longPulses) {
            longPulses.forEach(line -> System.out.println("  pulse over 50 ms, " + line));
        }
        System.out.println("resident memory (VmRSS, platform in the same process): " + residentMegabytes() + " MB");
        executors.close();
        client.close();
    }

    /** Time the JVM has spent in GC pauses so far (JDK 17's G1 beans count pauses only). */
    private static long gcPauseMillis() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime)
                .sum();
    }

    private static long residentMegabytes() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
            }
        }
        return -1;
    }

    private static void report(String what, List<Long> nanos) {
        List<Long> sorted;
        synchronized (nanos) {
            sorted = new ArrayList<>(nanos);
        }
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            System.out.println(what + ": none");
            return;
        }
        long over50 = sorted.stream().filter(n -> n > 50_000_000L).count();
        System.out.printf(
                "%-58s n=%5d  p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms  over 50 ms: %d%n",
                what,
                sorted.size(),
                sorted.get(sorted.size() / 2) / 1e6,
                sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * 0.99))) / 1e6,
                sorted.get(sorted.size() - 1) / 1e6,
                over50);
    }

    private static long fxTimed(Runnable action) throws Exception {
        return fx(() -> {
            long t0 = System.nanoTime();
            action.run();
            return System.nanoTime() - t0;
        });
    }

    private static <T> T fx(java.util.concurrent.Callable<T> work) throws Exception {
        java.util.concurrent.FutureTask<T> task = new java.util.concurrent.FutureTask<>(work);
        Platform.runLater(task);
        return task.get(60, TimeUnit.SECONDS);
    }

    private interface Check {
        boolean test() throws Exception;
    }

    private static void await(Check condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (!condition.test()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up waiting");
            }
            Thread.sleep(20);
        }
    }
}
