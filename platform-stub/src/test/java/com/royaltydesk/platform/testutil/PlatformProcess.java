package com.royaltydesk.platform.testutil;

import java.nio.file.Path;
import java.time.Duration;
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
        List<String> command =
                new ArrayList<>(ChildJvm.mainCommand("--port", "0", "--sandbox", "--data-dir", dataDir.toString()));
        command.addAll(TestDatabase.processFlags(dataDir));
        command.addAll(List.of(extraFlags));
        Process process = TestDatabase.withLogin(new ProcessBuilder(command))
                .redirectOutput(stdout.toFile())
                .redirectError(Path.of(stdout + ".err").toFile())
                .start();
        return new PlatformProcess(
                process, ListeningLine.await(stdout, Path.of(stdout + ".err"), process, Duration.ofSeconds(30)));
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or released politely. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new AssertionError("the platform process did not die");
        }
    }
}
