package com.royaltydesk.platform.testutil;

import com.royaltydesk.platform.PlatformConfig;
import com.royaltydesk.platform.PlatformServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/** A real platform on a free loopback port with a real H2 file database, and a plain HTTP client. */
public final class RunningPlatform implements AutoCloseable {

    private final PlatformServer server;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunningPlatform(PlatformServer server) {
        this.server = server;
    }

    public static RunningPlatform start(Path dataDir) {
        return new RunningPlatform(
                PlatformServer.start(new PlatformConfig(PlatformConfig.DEFAULT_HOST, 0, dataDir, null, true)));
    }

    public PlatformServer server() {
        return server;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public HttpResponse<String> send(String method, String path, String contentType, String body)
            throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create(server.baseUrl() + path);
    }

    @Override
    public void close() {
        server.close();
    }
}
