package com.royaltydesk.platform.testutil;

import com.royaltydesk.platform.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The platform's {@code Main} started from the test classpath as a process of its own, in sandbox
 * mode (on the test run's database, see {@link TestDatabase}), so a test can kill it with SIGKILL.
 */
public record PlatformProcess(Process process, String baseUrl) {

    /** Starts on {@code dataDir} with {@code extraFlags}; stdout goes to {@code stdout}. */
    public static PlatformProcess start(Path dataDir, Path stdout, String... extraFlags) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "--port",
                "0",
                "--sandbox",
                "--data-dir",
                dataDir.toString()));
        command.addAll(TestDatabase.processFlags(dataDir));
        command.addAll(List.of(extraFlags));
        Process process = TestDatabase.withLogin(new ProcessBuilder(command))
                .redirectOutput(stdout.toFile())
                .redirectError(Path.of(stdout + ".err").toFile())
                .start();
        return new PlatformProcess(process, awaitListening(stdout, process));
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or released politely. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new AssertionError("the platform process did not die");
        }
    }

    private static String awaitListening(Path stdout, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && process.isAlive()) {
            List<String> lines = Files.exists(stdout) ? Files.readAllLines(stdout) : List.of();
            if (!lines.isEmpty()) {
                return lines.get(0).replace("Royalty Desk platform listening on ", "");
            }
            Thread.sleep(20);
        }
        process.destroyForcibly();
        Path err = Path.of(stdout + ".err");
        String said = Files.exists(err) ? Files.readString(err) : "";
        throw new AssertionError(
                "platform did not start; it said: " + said.substring(Math.max(0, said.length() - 3000)));
    }
}
