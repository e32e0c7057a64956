package com.royaltydesk.platform.testutil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * JVM flags for the platform processes tests start — dozens per build (crash rounds, the jar under
 * Chromium, several instances), each living seconds, on two cores where start-up is the cost.
 *
 * <ul>
 *   <li>{@code -XX:TieredStopAtLevel=1}: only the quick compiler. A process that lives seconds
 *       never repays C2's compile time; measured ≈ 20 % off a sandbox start (BENCHMARKS.md).
 *   <li>For the jar, a class-data-sharing archive of the platform's own classes: the first jar
 *       process of a test JVM writes it when it stops cleanly, later ones map it instead of
 *       inflating and verifying ≈ 6,000 classes (with the flag above, ≈ 45 % off a start). It is
 *       written per test JVM, so it always matches the jar being tested; a process killed while
 *       writing it leaves nothing that is used. Classes from directories (the test classpath) cannot
 *       be archived, so processes started from the classpath get the first flag only.
 * </ul>
 *
 * The product's own start-up is not changed by this; it is a test-time choice (decision 0022).
 */
public final class ChildJvm {

    private static final List<String> QUICK = List.of("-XX:TieredStopAtLevel=1");

    private static final Path ARCHIVE =
            Path.of("target", "cds", "platform-jar-" + ProcessHandle.current().pid() + ".jsa");

    /** Whether a jar process wrote {@link #ARCHIVE} and stopped cleanly after it. */
    private static volatile boolean archiveWritten;

    private static volatile boolean archiveBeingWritten;

    private ChildJvm() {}

    /** {@code java <flags> -cp <the test classpath> Main <args>}: the platform's Main as a process of its own. */
    public static List<String> mainCommand(String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(QUICK);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "com.royaltydesk.platform.Main"));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Flags for the platform jar: maps the archive once one is written, else asks this process to
     * write it at its clean stop (only one process at a time; report with {@link #jarStopped}).
     */
    public static synchronized List<String> forJar() {
        List<String> flags = new ArrayList<>(QUICK);
        if (archiveWritten) {
            flags.add("-XX:SharedArchiveFile=" + ARCHIVE.toAbsolutePath());
        } else if (!archiveBeingWritten) {
            archiveBeingWritten = true;
            try {
                Files.createDirectories(ARCHIVE.getParent());
                Files.deleteIfExists(ARCHIVE);
                ARCHIVE.toFile().deleteOnExit(); // 45 MB per test JVM; a later run writes its own
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            flags.add("-XX:ArchiveClassesAtExit=" + ARCHIVE.toAbsolutePath());
        }
        return flags;
    }

    /** Called with a jar process's flags once it has exited: a clean stop after writing makes the archive usable. */
    public static synchronized void jarStopped(List<String> flags, Process process) {
        boolean wrote = flags.stream().anyMatch(flag -> flag.startsWith("-XX:ArchiveClassesAtExit="));
        if (!wrote || process.isAlive()) {
            return;
        }
        archiveBeingWritten = false;
        // 143: stopped by SIGTERM through its shutdown hooks — the JVM writes the archive on that path too.
        int exit = process.exitValue();
        archiveWritten = (exit == 0 || exit == 143) && Files.isRegularFile(ARCHIVE);
    }
}
