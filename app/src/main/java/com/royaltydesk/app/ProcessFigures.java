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

    /** Linux's clock ticks per second as /proc shows them (USER_HZ, 100 on every architecture it runs on). */
    private static final double TICKS_PER_SECOND = 100;

    /**
     * Since the OS started the process, so JVM and JavaFX start-up are counted too: on Linux from
     * the process's start tick in {@code /proc/self/stat} against {@code /proc/uptime}, both since
     * boot (10 ms resolution). Not {@code ProcessHandle}'s start instant: it adds the start tick to
     * the boot time in whole seconds, which put every figure up to a second late (issue #17).
     */
    static Optional<Duration> sinceLaunch() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String uptime = Files.readString(Path.of("/proc/uptime"));
            return Optional.of(sinceLaunch(stat, uptime));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // Not Linux: the start instant is the best there is.
            return ProcessHandle.current().info().startInstant().map(start -> Duration.between(start, Instant.now()));
        }
    }

    /** The time between a process's start (its {@code /proc/<pid>/stat}) and the moment {@code /proc/uptime} was read. */
    static Duration sinceLaunch(String procStat, String procUptime) {
        // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
        String[] afterName =
                procStat.substring(procStat.lastIndexOf(')') + 2).trim().split("\\s+");
        if (afterName.length < 20) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + procStat);
        }
        long startTicks = Long.parseLong(afterName[19]); // field 22, starttime
        double uptimeSeconds = Double.parseDouble(procUptime.trim().split("\\s+")[0]);
        return Duration.ofMillis(Math.round((uptimeSeconds - startTicks / TICKS_PER_SECOND) * 1000));
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
    static String summary() {
        String usable = sinceLaunch().map(d -> d.toMillis() + " ms").orElse("n/a");
        return "usable " + usable + " after launch, resident memory " + megabytes(residentKb()) + " (private "
                + megabytes(privateResidentKb()) + ")";
    }

    private static String megabytes(OptionalLong kb) {
        return kb.isPresent() ? (kb.getAsLong() / 1024) + " MB" : "n/a";
    }
}
