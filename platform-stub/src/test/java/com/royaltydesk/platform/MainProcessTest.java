package com.royaltydesk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.royaltydesk.platform.testutil.ChildJvm;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@link Main} as its own JVM, the way {@code java -jar platform-stub.jar} does. */
class MainProcessTest {

    private static final String LINE_PREFIX = "Royalty Desk platform listening on ";

    @TempDir
    Path dataDir;

    @Test
    void main_portZero_printsOneListeningLineThenServesAndStopsOnSigterm() throws Exception {
        Path stdoutFile = dataDir.resolve("stdout.txt");
        Process process = startMain(
                stdoutFile, "--port", "0", "--data-dir", dataDir.resolve("data").toString());
        try {
            String line = awaitFirstLine(stdoutFile, process);

            assertThat(line).matches("Royalty Desk platform listening on http://127\\.0\\.0\\.1:\\d+");
            String baseUrl = line.substring(LINE_PREFIX.length());
            HttpResponse<String> health = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(baseUrl + "/health"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);

            process.destroy(); // SIGTERM on Unix
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readAllLines(stdoutFile))
                    .as("exactly one line on stdout")
                    .containsExactly(line);
        } finally {
            process.destroyForcibly();
        }
        // The shutdown released the database file: a second platform opens the same data dir.
        try (PlatformServer again =
                PlatformServer.start(new PlatformConfig("127.0.0.1", 0, dataDir.resolve("data"), null, false))) {
            assertThat(again.port()).isPositive();
        }
    }

    private static String awaitFirstLine(Path stdoutFile, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && process.isAlive()) {
            List<String> lines = Files.exists(stdoutFile) ? Files.readAllLines(stdoutFile) : List.of();
            if (!lines.isEmpty()) {
                return lines.get(0);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the platform printed no line (alive: " + process.isAlive() + ")");
    }

    @Test
    void main_help_exitsZeroAndListsEveryFlag() throws Exception {
        Path stdoutFile = dataDir.resolve("help.txt");
        Process process = startMain(stdoutFile, "--help");

        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(Files.readString(stdoutFile))
                .contains(
                        "--host",
                        "--port",
                        "--data-dir",
                        "--jdbc-url",
                        "--[no-]sandbox",
                        "--signing-alg",
                        "--cors-origin",
                        "--payout-threshold",
                        "--creator-monthly-cap",
                        "--allow-private-webhooks");
    }

    @Test
    void main_invalidPort_exitsNonZeroWithoutListening() throws Exception {
        Path stdoutFile = dataDir.resolve("stdout.txt");
        Process process = startMain(stdoutFile, "--port", "not-a-number", "--data-dir", dataDir.toString());

        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isNotZero();
        assertThat(Files.readString(stdoutFile)).doesNotContain(LINE_PREFIX);
    }

    @Test
    void main_jsonLogs_oneJsonObjectPerStderrLine_andTheListeningLineStaysOnStdout() throws Exception {
        Path stdoutFile = dataDir.resolve("stdout.txt");
        Path stderrFile = dataDir.resolve("stderr.txt");
        Process process = command(
                        "--port",
                        "0",
                        "--sandbox",
                        "--data-dir",
                        dataDir.resolve("data").toString(),
                        "--backup-every",
                        "PT1M")
                .redirectOutput(stdoutFile.toFile())
                .redirectError(stderrFile.toFile())
                .start();
        try {
            assertThat(awaitFirstLine(stdoutFile, process)).startsWith(LINE_PREFIX);
            // The first automatic backup is written ~5 s after start, and logged.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline && !Files.readString(stderrFile).contains("automatic backup written")) {
                Thread.sleep(100);
            }
            List<String> lines = Files.readAllLines(stderrFile).stream()
                    .filter(line -> !line.isBlank())
                    .toList();
            assertThat(lines).isNotEmpty();
            for (String line : lines) {
                JsonNode event = new ObjectMapper().readTree(line);
                assertThat(event.path("level").asText()).as(line).isNotEmpty();
                assertThat(event.path("formattedMessage").asText()).as(line).isNotEmpty();
            }
            assertThat(String.join("\n", lines)).contains("automatic backup written");
        } finally {
            process.destroy();
            process.waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void main_unknownLogFormat_usageErrorBeforeAnythingStarts() throws Exception {
        Path stdoutFile = dataDir.resolve("stdout.txt");
        Process process = new ProcessBuilder(List.of(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-Drdk.log.format=xml",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "--data-dir",
                        dataDir.toString()))
                .redirectOutput(stdoutFile.toFile())
                .redirectErrorStream(true)
                .start();

        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(Files.readString(stdoutFile)).contains("must be text or json, not 'xml'");
    }

    /** Main with JSON logs (the environment variable an operator's container would set). */
    private static ProcessBuilder command(String... args) {
        List<String> command = ChildJvm.mainCommand(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("RDK_LOG_FORMAT", "json");
        return builder;
    }

    private static Process startMain(Path stdoutFile, String... args) throws Exception {
        List<String> command = ChildJvm.mainCommand(args);
        return new ProcessBuilder(command)
                .redirectOutput(stdoutFile.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }
}
