package com.royaltydesk.platform.testutil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.royaltydesk.platform.PlatformConfig;
import com.royaltydesk.platform.PlatformServer;
import com.royaltydesk.platform.receipts.SigningAlgorithm;
import com.royaltydesk.platform.sandbox.SandboxCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real platform on a free loopback port with a real database (an H2 file, or PostgreSQL in that
 * test run: see {@link TestDatabase}), and a plain HTTP client.
 */
public final class RunningPlatform implements AutoCloseable {

    /** Reads numbers as exact decimals, the way a careful client reads money. */
    public static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final PlatformServer server;
    private final String baseUrl;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunningPlatform(PlatformServer server, String baseUrl) {
        this.server = server;
        this.baseUrl = baseUrl;
    }

    /** The HTTP helpers for a platform running elsewhere (another process); it is not closed here. */
    public static RunningPlatform attach(String baseUrl) {
        return new RunningPlatform(null, baseUrl);
    }

    /** A sandbox platform: bootstrap keys in {@code sandbox-credentials.json}. */
    public static RunningPlatform start(Path dataDir) {
        return start(dataDir, true);
    }

    public static RunningPlatform start(Path dataDir, boolean sandbox) {
        return start(dataDir, sandbox, SigningAlgorithm.EDDSA);
    }

    public static RunningPlatform start(Path dataDir, boolean sandbox, SigningAlgorithm algorithm) {
        return start(new PlatformConfig(PlatformConfig.DEFAULT_HOST, 0, dataDir, null, sandbox, algorithm, null));
    }

    /** Starts {@code config}; in the PostgreSQL test run, on its data dir's PostgreSQL database. */
    public static RunningPlatform start(PlatformConfig config) {
        PlatformServer server = PlatformServer.start(TestDatabase.adapt(config));
        return new RunningPlatform(server, server.baseUrl());
    }

    public PlatformServer server() {
        return server;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** A connection of its own to the platform's database, for tests that look at what was stored. */
    public java.sql.Connection openDatabaseConnection() throws java.sql.SQLException {
        PlatformConfig config = server.config();
        return java.sql.DriverManager.getConnection(
                config.jdbcUrl(),
                config.databaseLogin().user(),
                config.databaseLogin().password());
    }

    /** The sandbox bootstrap's keys, read from the file the app reads. */
    public JsonNode credentials() {
        try {
            return JSON.readTree(server.config()
                    .dataDir()
                    .resolve(SandboxCredentials.FILE_NAME)
                    .toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String platformKey() {
        return credentials().path("platform_key").asText();
    }

    public String hostKey() {
        return credentials().path("host_key").asText();
    }

    public String creator42Key() {
        return credentials().path("creators").path(0).path("api_key").asText();
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** The log's current checkpoint in its JSON view (the default answer is the signed note as text). */
    public JsonNode checkpointJson() throws IOException, InterruptedException {
        return body(send(HttpRequest.newBuilder(uri("/v1/log/checkpoint"))
                .header("Accept", "application/json")
                .GET()));
    }

    public HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + key)
                .GET());
    }

    public HttpResponse<String> send(String method, String path, String contentType, String body)
            throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A JSON request with an API key ({@code key} may be null for none). */
    public HttpResponse<String> json(String method, String path, String key, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return send(request);
    }

    /** Uploads raw bytes with a key, as the app does to an asset's {@code upload_url}. */
    public HttpResponse<String> putBytes(String url, String key, byte[] content)
            throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)));
    }

    /** Every answer is held to openapi.json on the way back ({@link OpenApiContract}). */
    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
        HttpResponse<String> response = client.send(built, HttpResponse.BodyHandlers.ofString());
        OpenApiContract.check(built.method(), built.uri(), response);
        return response;
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    public static JsonNode body(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
