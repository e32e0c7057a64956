package com.royaltydesk.platform.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The H2 settings comparison of issue #19: for each setting, rounds of "start {@link H2CrashWriter}
 * on the same file, let it write for 0.3–2.5 s, {@code kill -9}" — H2 alone, no platform. Each start
 * reports what the kill before it left: a file that does not open, a commit left open, entries
 * marked by a gone transaction, an identity counter behind its rows, a torn transaction, an
 * acknowledged batch missing (for settings that promise durability), a committed batch missing
 * while a later one is there. After any of those the file is kept (the first of each kind) and a
 * new one begun, so every finding is one kill's doing; a file is also begun anew every
 * {@code --fresh-every} rounds, when its bytes per event are written down. Prints a line per 25
 * rounds and a summary per setting. Not a test: run {@code bench/h2-crash-settings.sh}.
 */
public final class H2CrashSettings {

    private static final long START_LIMIT_MS = TimeUnit.MINUTES.toMillis(5);

    private final Path root;
    private final Random random;
    private final int freshEvery;

    private H2CrashSettings(Path root, long seed, int freshEvery) {
        this.root = root;
        this.random = new Random(seed);
        this.freshEvery = freshEvery;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of(
                "--settings",
                "platform",
                "--rounds",
                "200",
                "--seed",
                "19",
                "--dir",
                "/tmp/rdk-h2-crash",
                "--fresh-every",
                "100"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!options.containsKey(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; known: " + options.keySet());
            }
            options.put(args[i], args[i + 1]);
        }
        H2CrashSettings harness = new H2CrashSettings(
                Path.of(options.get("--dir")),
                Long.parseLong(options.get("--seed")),
                Integer.parseInt(options.get("--fresh-every")));
        int rounds = Integer.parseInt(options.get("--rounds"));
        List<String> summaries = new ArrayList<>();
        for (String name : options.get("--settings").split(",")) {
            summaries.add(harness.run(H2CrashSetting.named(name.strip()), rounds));
        }
        System.out.println();
        summaries.forEach(System.out::println);
    }

    private String run(H2CrashSetting setting, int rounds) throws Exception {
        Path dir = root.resolve(setting.label());
        deleteTree(dir);
        Files.createDirectories(dir);
        Tally tally = new Tally(setting);
        Path file = dir.resolve("file-1");
        int roundsInFile = 0;
        Map<Integer, Long> ackedBefore = Map.of();
        Round sized = null;
        for (int round = 1; round <= rounds; round++) {
            Round result = round(setting, file, round, roundsInFile == 0 ? null : ackedBefore);
            tally.add(result);
            if (result.events > 0) {
                sized = result; // the file as the last start in it found it
            }
            roundsInFile++;
            ackedBefore = result.acked;
            boolean anomaly = !result.found.isEmpty();
            if (anomaly || roundsInFile == freshEvery || round == rounds) {
                if (sized != null) {
                    tally.fileEnded(sized.bytes, sized.events);
                }
                sized = null;
                if (anomaly && tally.keepFirst(result.found.get(0).kind())) {
                    Files.move(file, dir.resolve("kept-" + result.found.get(0).kind() + "-round-" + round));
                } else {
                    deleteTree(file);
                }
                file = dir.resolve("file-" + (round + 1));
                roundsInFile = 0;
            }
            if (round % 25 == 0 || round == rounds) {
                System.out.println(tally.line(round));
            }
        }
        return tally.line(rounds);
    }

    private Round round(H2CrashSetting setting, Path file, int round, Map<Integer, Long> ackedBefore)
            throws IOException, InterruptedException {
        Files.createDirectories(file);
        // The child's stdout goes to a file, not a pipe: what it printed before the kill is all
        // there afterwards (a pipe's reader can lose the tail when the process dies under it).
        Path output = file.resolve("round-" + round + ".out");
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        H2CrashWriter.class.getName(),
                        file.toString(),
                        setting.label(),
                        Integer.toString(round))
                .redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        // A harness stopped mid-round must not leave its child writing on (it would never stop).
        Thread killChild = new Thread(child::destroyForcibly);
        Runtime.getRuntime().addShutdownHook(killChild);
        Round result = new Round();
        long started = System.nanoTime();
        long deadline = System.currentTimeMillis() + START_LIMIT_MS;
        int linesRead = 0;
        boolean ready = false;
        while (!ready) {
            List<String> lines = wholeLines(output);
            for (; linesRead < lines.size() && !ready; linesRead++) {
                ready = lines.get(linesRead).startsWith("READY");
                result.read(lines.get(linesRead), ackedBefore, setting.promisesDurability());
            }
            if (ready || !child.isAlive() && linesRead == wholeLines(output).size()) {
                break;
            }
            if (System.currentTimeMillis() > deadline) {
                result.found.add(new Finding("start-hung", "no READY within 5 min"));
                break;
            }
            Thread.sleep(20);
        }
        result.startMs = (System.nanoTime() - started) / 1_000_000;
        if (ready) {
            Thread.sleep(300 + random.nextInt(2200));
        }
        child.destroyForcibly(); // SIGKILL
        child.waitFor();
        Runtime.getRuntime().removeShutdownHook(killChild);
        List<String> lines = wholeLines(output);
        for (; linesRead < lines.size(); linesRead++) {
            result.read(lines.get(linesRead), ackedBefore, setting.promisesDurability());
        }
        Files.delete(output);
        return result;
    }

    /** The lines the child has finished writing (a line still being written is left for the next look). */
    private static List<String> wholeLines(Path output) throws IOException {
        String text = Files.readString(output, StandardCharsets.UTF_8);
        return text.substring(0, text.lastIndexOf('\n') + 1).lines().toList();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    record Finding(String kind, String detail) {}

    /** What one start reported and what its writers had acknowledged when they were killed. */
    private static final class Round {
        final List<Finding> found = new ArrayList<>();
        final Map<Integer, Long> acked = new TreeMap<>();
        long events;
        long bytes;
        long startMs;

        void read(String line, Map<Integer, Long> ackedBefore, boolean durable) {
            String[] parts = line.split(" ", 3);
            switch (parts[0]) {
                case "FOUND" -> found.add(new Finding(parts[1], parts.length > 2 ? parts[2] : ""));
                case "ACK" -> acked.merge(Integer.parseInt(parts[1]), Long.parseLong(parts[2]), Math::max);
                case "SIZE" -> {
                    String[] size = parts[2].split(" ");
                    events = Long.parseLong(parts[1]);
                    bytes = Long.parseLong(size[0]);
                }
                case "PRESENT" -> present(line, ackedBefore, durable);
                default -> {}
            }
            if (line.equals("READY") || line.startsWith("READY ")) {
                checkNothingAckedIsMissing(ackedBefore, durable);
            }
        }

        private final Map<Integer, long[]> present = new HashMap<>();

        private void present(String line, Map<Integer, Long> ackedBefore, boolean durable) {
            String[] p = line.split(" ");
            int writer = Integer.parseInt(p[1]);
            long count = Long.parseLong(p[2]);
            long max = Long.parseLong(p[3]);
            present.put(writer, new long[] {count, max});
            if (count != max) {
                found.add(new Finding(
                        "commit-gap", "writer " + writer + ": " + count + " batches but the last is " + max));
            }
        }

        private void checkNothingAckedIsMissing(Map<Integer, Long> ackedBefore, boolean durable) {
            if (ackedBefore == null || !durable) {
                return;
            }
            ackedBefore.forEach((writer, n) -> {
                long[] there = present.getOrDefault(writer, new long[] {0, 0});
                if (there[1] < n) {
                    found.add(new Finding(
                            "acknowledged-lost", "writer " + writer + ": acknowledged " + n + ", present " + there[1]));
                }
            });
        }
    }

    /** Counts per setting. */
    private static final class Tally {
        final H2CrashSetting setting;
        final Map<String, Integer> kinds = new TreeMap<>();
        final Map<String, Boolean> kept = new HashMap<>();
        long ackedBatches;
        long startMsTotal;
        long slowestStartMs;
        int rounds;
        long fileBytes;
        long fileEvents;

        Tally(H2CrashSetting setting) {
            this.setting = setting;
        }

        void add(Round r) {
            rounds++;
            r.acked.values().forEach(n -> ackedBatches += n);
            r.found.forEach(f -> kinds.merge(f.kind(), 1, Integer::sum));
            r.found.forEach(f -> System.out.println("  round " + rounds + ": " + f.kind() + " — " + f.detail()));
            startMsTotal += r.startMs;
            slowestStartMs = Math.max(slowestStartMs, r.startMs);
        }

        boolean keepFirst(String kind) {
            return kept.putIfAbsent(kind, true) == null;
        }

        void fileEnded(long bytes, long events) {
            fileBytes += bytes;
            fileEvents += events;
        }

        String line(int round) {
            return String.format(
                    "%-24s round %4d: acknowledged %,d events; findings %s; start mean %d ms, slowest %d ms;"
                            + " file %s B/event",
                    setting.label(),
                    round,
                    ackedBatches * H2CrashWriter.EVENTS_PER_BATCH,
                    kinds.isEmpty() ? "none" : kinds,
                    startMsTotal / Math.max(1, rounds),
                    slowestStartMs,
                    fileEvents == 0 ? "-" : Long.toString(fileBytes / fileEvents));
        }
    }
}
