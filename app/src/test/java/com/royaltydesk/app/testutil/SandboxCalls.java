package com.royaltydesk.app.testutil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

/** Plays the model trainer against a sandbox platform: records proof-of-training with the platform key. */
public final class SandboxCalls {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SandboxCalls() {}

    public static String recordReceipt(String baseUrl, Path platformDataDir, String modelId) throws Exception {
        JsonNode credentials = JSON.readTree(
                platformDataDir.resolve("sandbox-credentials.json").toFile());
        String body = "{\"dataset_id\":\"ds_sandbox_demo\",\"creator_id\":\"creator_42\",\"model_id\":\"" + modelId
                + "\",\"artifact_hash\":\"sha256:" + "ab".repeat(32)
                + "\",\"metadata\":{\"license\":\"cc-by-4.0\",\"portion_used\":0.12}}";
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(baseUrl + "/v1/proof-of-training"))
                                .header(
                                        "Authorization",
                                        "Bearer "
                                                + credentials
                                                        .path("platform_key")
                                                        .asText())
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new AssertionError("proof-of-training failed: " + response.body());
        }
        return JSON.readTree(response.body()).path("receipt_id").asText();
    }

    /** A public sandbox receipt, as the demo pages request them. */
    /** A public GET's body as served (the trust root, say). */
    public static String get(String baseUrl, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl + path))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    public static String sandboxReceipt(String baseUrl) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(baseUrl + "/v1/sandbox/proof-of-training"))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).path("receipt_id").asText();
    }

    /** Reports one usage event, happening now, as the sandbox's model host. */
    public static String reportUsage(
            String baseUrl, Path platformDataDir, String eventId, String modelId, long tokens, String receiptId)
            throws Exception {
        return reportUsage(baseUrl, platformDataDir, eventId, modelId, java.time.Instant.now(), tokens, receiptId);
    }

    /** Reports one usage event at {@code at} as the sandbox's model host; returns the platform's answer. */
    public static String reportUsage(
            String baseUrl,
            Path platformDataDir,
            String eventId,
            String modelId,
            java.time.Instant at,
            long tokens,
            String receiptId)
            throws Exception {
        String body = "{\"events\":[{\"event_id\":\"" + eventId + "\",\"model_id\":\"" + modelId
                + "\",\"timestamp\":\"" + at + "\",\"tokens\":" + tokens
                + ",\"receipt_ref\":\"" + receiptId + "\"}]}";
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(baseUrl + "/v1/usage-events"))
                                .header("Authorization", "Bearer " + hostKey(platformDataDir))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new AssertionError("usage events refused: " + response.body());
        }
        return response.body();
    }

    public static String creatorKey(Path platformDataDir) throws Exception {
        return credential(platformDataDir, "/creators/0/api_key");
    }

    public static String hostKey(Path platformDataDir) throws Exception {
        return credential(platformDataDir, "/host_key");
    }

    public static String platformKey(Path platformDataDir) throws Exception {
        return credential(platformDataDir, "/platform_key");
    }

    private static String credential(Path platformDataDir, String pointer) throws Exception {
        return JSON.readTree(platformDataDir.resolve("sandbox-credentials.json").toFile())
                .at(pointer)
                .asText();
    }
}
