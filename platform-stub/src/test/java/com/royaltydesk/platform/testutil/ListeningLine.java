package com.royaltydesk.platform.testutil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The one wait for a platform process's "listening on" line, for every test and load generator that starts one. */
public final class ListeningLine {

    public static final String PREFIX = "Royalty Desk platform listening on ";

    private ListeningLine() {}

    /**
     * The base URL from the line on {@code stdout}, which may follow other output (a flight
     * recording's notice, say). Throws with the end of {@code stderr} when the process exits first
     * or {@code timeout} passes; the process is then killed.
     */
    public static String await(Path stdout, Path stderr, Process process, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            List<String> lines = Files.exists(stdout) ? Files.readAllLines(stdout) : List.of();
            for (String line : lines) {
                if (line.startsWith(PREFIX)) {
                    return line.substring(PREFIX.length()).trim();
                }
            }
            Thread.sleep(20);
        }
        process.destroyForcibly();
        String said = Files.exists(stderr) ? Files.readString(stderr) : "";
        throw new IllegalStateException(
                "the platform did not start; it said: " + said.substring(Math.max(0, said.length() - 3000)));
    }
}
