package com.royaltydesk.platform.testutil;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The platform started from its jar ({@code -Dplatform.jar}), in sandbox mode, as its own process. */
public final class JarPlatform implements AutoCloseable {

    private final Process process;
    private final List<String> jvmFlags;
    private final Path dataDir;
    private final String baseUrl;
    private final HttpClient http = HttpClient.newHttpClient();

    private JarPlatform(Process process, List<String> jvmFlags, Path dataDir, String baseUrl) {
        this.process = process;
        this.jvmFlags = jvmFlags;
        this.dataDir = dataDir;
        this.baseUrl = baseUrl;
    }

    public static JarPlatform start(Path dir) throws Exception {
        Path jar = Path.of(System.getProperty("platform.jar", "target/platform-stub.jar"));
        Path out = dir.resolve("platform-stdout.txt");
        List<String> jvmFlags = ChildJvm.forJar();
        List<String> command = new java.util.ArrayList<>(List.of("java"));
        command.addAll(jvmFlags);
        command.addAll(List.of(
                "-jar",
                jar.toString(),
                "--port",
                "0",
                "--sandbox",
                "--data-dir",
                dir.resolve("data").toString()));
        command.addAll(TestDatabase.processFlags(dir.resolve("data")));
        Process process = TestDatabase.withLogin(new ProcessBuilder(command))
                .redirectOutput(out.toFile())
                .redirectError(dir.resolve("platform-stderr.txt").toFile())
                .start();
        String baseUrl = ListeningLine.await(out, dir.resolve("platform-stderr.txt"), process, Duration.ofSeconds(60));
        return new JarPlatform(process, jvmFlags, dir.resolve("data"), baseUrl);
    }

    public String baseUrl() {
        return baseUrl;
    }

    public JsonNode credentials() {
        try {
            return RunningPlatform.JSON.readTree(
                    dataDir.resolve("sandbox-credentials.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode call(String method, String path, String key, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return RunningPlatform.JSON.readTree(
                http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    /** A GET's body exactly as served (a trust root's bytes, say). */
    public String text(String path) throws IOException, InterruptedException {
        return http.send(
                        HttpRequest.newBuilder(URI.create(baseUrl + path))
                                .timeout(Duration.ofSeconds(30))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            ChildJvm.jarStopped(jvmFlags, process);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
