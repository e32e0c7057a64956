package com.royaltydesk.platform.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the load generators share: the platform jar started as its own process, and their numbers. */
final class BenchPlatform {

    private static final String LISTENING = "Royalty Desk platform listening on ";

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
        for (int i = 0; i < 600 && process.isAlive(); i++) {
            List<String> lines = Files.exists(out) ? Files.readAllLines(out) : List.of();
            for (String line : lines) {
                if (line.startsWith(LISTENING)) {
                    return line.substring(LISTENING.length()).trim();
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("platform did not start");
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
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
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
