package com.royaltydesk.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.royaltydesk.verify.trust.TrustRoot;
import com.royaltydesk.verify.trust.TrustRootException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Loads what {@code --trust} names — a trust-root file or URL, or a JWKS taken as a root with open
 * windows — saying where it came from, so every verdict can name its source.
 */
final class TrustSources {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private TrustSources() {}

    static TrustRoot load(String fileOrUrl) throws TrustRootException {
        String text = fileOrUrl.startsWith("https://") || fileOrUrl.startsWith("http://")
                ? fetch(fileOrUrl)
                : read(fileOrUrl);
        JsonNode node;
        try {
            node = new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new TrustRootException(fileOrUrl + " is not JSON");
        }
        if (node != null && node.has("media_type")) {
            return TrustRoot.parse(text, fileOrUrl);
        }
        return TrustRoot.fromJwks(text, fileOrUrl + " (a JWKS: open windows, no log key)");
    }

    private static String read(String file) throws TrustRootException {
        try {
            Path path = Path.of(file);
            if (Files.size(path) > TrustRoot.MAX_BYTES) {
                throw new TrustRootException(file + " is larger than a trust root can be");
            }
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TrustRootException("cannot read " + file + " (" + e.getMessage() + ")");
        }
    }

    private static String fetch(String url) throws TrustRootException {
        try {
            HttpResponse<String> response = HttpClient.newBuilder()
                    .connectTimeout(TIMEOUT)
                    .build()
                    .send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .timeout(TIMEOUT)
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new TrustRootException(url + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException | IllegalArgumentException e) {
            throw new TrustRootException("cannot fetch " + url + " (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrustRootException("interrupted while fetching " + url);
        }
    }
}
