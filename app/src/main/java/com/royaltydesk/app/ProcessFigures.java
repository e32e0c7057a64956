package com.royaltydesk.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How long this process has run and how much memory it holds, for the smoke test's benchmark line
 * (BENCHMARKS.md). Resident memory is read from {@code /proc/self/status}, so it is Linux only.
 */
final class ProcessFigures {

    private ProcessFigures() {}

    /** Since the OS started the process, so JVM and JavaFX start-up are counted too. */
    static Optional<Duration> sinceLaunch(Instant now) {
        return ProcessHandle.current().info().startInstant().map(start -> Duration.between(start, now));
    }

    static OptionalLong residentKb() {
        try {
            return residentKb(Files.readString(Path.of("/proc/self/status")));
        } catch (IOException | UnsupportedOperationException e) {
            return OptionalLong.empty(); // not Linux: the line says n/a
        }
    }

    /** The {@code VmRSS:} line of a {@code /proc/<pid>/status} text, in kB. */
    static OptionalLong residentKb(String procStatus) {
        return procStatus
                .lines()
                .filter(line -> line.startsWith("VmRSS:"))
                .map(line -> line.substring("VmRSS:".length()).trim().split("\\s+")[0])
                .mapToLong(Long::parseLong)
                .findFirst();
    }

    /** E.g. {@code usable 1234 ms after launch, resident memory 210 MB}. */
    static String summary(Instant now) {
        String usable = sinceLaunch(now).map(d -> d.toMillis() + " ms").orElse("n/a");
        OptionalLong kb = residentKb();
        String memory = kb.isPresent() ? (kb.getAsLong() / 1024) + " MB" : "n/a";
        return "usable " + usable + " after launch, resident memory " + memory;
    }
}
