package com.royaltydesk.platform.bench;

import com.royaltydesk.platform.testutil.ListeningLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/** What the load generators share: the platform jar started as its own process, and their numbers. */
final class BenchPlatform {

    private BenchPlatform() {}

    /** One phase's count per second and request latency percentiles in milliseconds. */
    record Result(String phase, long count, double seconds, double p50, double p99) {

        static Result of(String phase, long count, double seconds, List<Long> latencyNanos) {
            long[] sorted =
                    latencyNanos.stream().mapToLong(Long::longValue).sorted().toArray();
            return new Result(phase, count, seconds, percentile(sorted, 50), percentile(sorted, 99));
        }

        double rate() {
            return count / seconds;
        }

        String toString(String unit) {
            return String.format(
                    "%-28s %10.0f %s/s  p50 %7.1f ms  p99 %7.1f ms  (%d %s in %.1f s)",
                    phase, rate(), unit, p50, p99, count, unit, seconds);
        }
    }

    /**
     * Instance {@code i} of the platform jar in sandbox mode with a 256 MB heap, on {@code
     * data/data-i} (or on {@code jdbcUrl}, login from the environment); its output in {@code
     * data/stdout-i.txt}.
     */
    static Process start(Path jar, Path data, int i, String jdbcUrl) throws IOException {
        List<String> command = new ArrayList<>(List.of("java", "-Xmx256m"));
        // Extra JVM options for a run, e.g. a flight recording: BENCH_JVM_OPTS="-XX:StartFlightRecording=…"
        String extra = System.getenv("BENCH_JVM_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of(
                "-jar",
                jar.toString(),
                "--port",
                "0",
                "--sandbox",
                "--data-dir",
                data.resolve("data-" + i).toString()));
        if (jdbcUrl != null) {
            command.add("--jdbc-url");
            command.add(jdbcUrl);
        }
        return new ProcessBuilder(command)
                .redirectOutput(data.resolve("stdout-" + i + ".txt").toFile())
                .redirectError(data.resolve("stderr-" + i + ".txt").toFile())
                .start();
    }

    /** The base URL from the platform's listening line, once it printed it (30 s at most). */
    static String awaitUrl(Path out, Process process) throws Exception {
        return awaitUrl(out, process, Duration.ofSeconds(30));
    }

    /** The same, waiting at most {@code atMost} (a start after a kill reads what the journals hold). */
    static String awaitUrl(Path out, Process process, Duration atMost) throws Exception {
        Path err = out.resolveSibling(out.getFileName().toString().replace("stdout", "stderr"));
        return ListeningLine.await(out, err, process, atMost);
    }

    /** One request of a phase: sends it, reports its latency in nanoseconds, returns the units it carried. */
    interface Request {
        long send(LongConsumer latencyNanos) throws Exception;
    }

    /**
     * A phase: {@code threads} clients send requests for {@code seconds}, each client paced so all
     * together send {@code requestsPerSecond} (0: each sends as soon as it has its answer).
     */
    static Result phase(String name, int threads, int seconds, double requestsPerSecond, Request request)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong units = new AtomicLong();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        double perClientInterval = requestsPerSecond > 0 ? threads / requestsPerSecond : 0;
        List<Future<?>> clients = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            clients.add(pool.submit(() -> {
                long nextSend = System.nanoTime();
                while (System.nanoTime() < end) {
                    if (perClientInterval > 0) {
                        long wait = nextSend - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                        nextSend += (long) (perClientInterval * 1e9);
                    }
                    units.addAndGet(request.send(latencies::add));
                }
                return null;
            }));
        }
        try {
            for (Future<?> client : clients) {
                client.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return Result.of(name, units.get(), (System.nanoTime() - start) / 1e9, latencies);
    }

    /**
     * CPU seconds the process has used so far (user + system, from {@code /proc/PID/stat}): what a
     * unit of work costs the platform, steadier than a rate on shared cores. -1 where unknown.
     */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // Fields after the command name, which is in parentheses and may hold spaces.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks / 100.0; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static String peakRss(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                    .filter(line -> line.startsWith("VmHWM"))
                    .map(line -> line.replaceAll("\\s+", " "))
                    .findFirst()
                    .orElse("unknown");
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    static long sizeOf(Path dir) throws IOException {
        return sizeOf(dir, "");
    }

    /** The bytes of the regular files under {@code dir} whose names end with {@code suffix}. */
    static long sizeOf(Path dir, String suffix) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().endsWith(suffix))
                    .mapToLong(file -> file.toFile().length())
                    .sum();
        }
    }

    static double percentile(long[] sortedNanos, int percentile) {
        if (sortedNanos.length == 0) {
            return 0;
        }
        int index = Math.min(sortedNanos.length - 1, (int) Math.ceil(percentile / 100.0 * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, index)] / 1e6;
    }

    static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
