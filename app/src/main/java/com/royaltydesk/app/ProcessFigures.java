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
        return statusField("VmRSS:");
    }

    /** Resident memory that is the process's own (heap, stacks, malloc), without mapped files. */
    static OptionalLong privateResidentKb() {
        return statusField("RssAnon:");
    }

    private static OptionalLong statusField(String field) {
        try {
            return statusField(Files.readString(Path.of("/proc/self/status")), field);
        } catch (IOException | UnsupportedOperationException e) {
            return OptionalLong.empty(); // not Linux: the line says n/a
        }
    }

    /** The {@code VmRSS:} line of a {@code /proc/<pid>/status} text, in kB. */
    static OptionalLong residentKb(String procStatus) {
        return statusField(procStatus, "VmRSS:");
    }

    /** A kB line such as {@code RssAnon:  123 kB} of a {@code /proc/<pid>/status} text. */
    static OptionalLong statusField(String procStatus, String field) {
        return procStatus
                .lines()
                .filter(line -> line.startsWith(field))
                .map(line -> line.substring(field.length()).trim().split("\\s+")[0])
                .mapToLong(Long::parseLong)
                .findFirst();
    }

    /**
     * E.g. {@code usable 1234 ms after launch, resident memory 210 MB (private 150 MB)}: the
     * private part leaves out file-backed pages such as the shared class-data archive.
     */
    static String summary(Instant now) {
        String usable = sinceLaunch(now).map(d -> d.toMillis() + " ms").orElse("n/a");
        return "usable " + usable + " after launch, resident memory " + megabytes(residentKb()) + " (private "
                + megabytes(privateResidentKb()) + ")";
    }

    private static String megabytes(OptionalLong kb) {
        return kb.isPresent() ? (kb.getAsLong() / 1024) + " MB" : "n/a";
    }
}
