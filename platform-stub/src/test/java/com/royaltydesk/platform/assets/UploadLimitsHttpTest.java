package com.royaltydesk.platform.assets;

import static com.royaltydesk.platform.testutil.ErrorAssertions.assertError;
import static com.royaltydesk.platform.testutil.ErrorAssertions.assertErrorField;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.royaltydesk.platform.PlatformConfig;
import com.royaltydesk.platform.testutil.RunningPlatform;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploads are bounded in size, in silence and in number, each bound a 4xx that names it. */
class UploadLimitsHttpTest {

    private static final String PRICE =
            "\"license\":\"cc-by-4.0\",\"price_model\":{\"type\":\"per_use\",\"rate\":0.0001}";

    @TempDir
    Path dataDir;

    private RunningPlatform platform;
    private String creatorKey;
    private final List<Socket> slowClients = new ArrayList<>();

    private void start(UploadLimits limits) throws Exception {
        platform = RunningPlatform.start(
                new PlatformConfig(PlatformConfig.DEFAULT_HOST, 0, dataDir, null, true).withUploadLimits(limits));
        creatorKey = RunningPlatform.body(platform.json("POST", "/v1/creators", null, "{}"))
                .path("api_key")
                .asText();
    }

    @AfterEach
    void stop() throws Exception {
        for (Socket socket : slowClients) {
            socket.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    private JsonNode register(String extra) throws Exception {
        var response =
                platform.json("POST", "/v1/assets", creatorKey, "{\"name\":\"upload limits\"," + PRICE + extra + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return RunningPlatform.body(response);
    }

    private String status(JsonNode asset) throws Exception {
        return RunningPlatform.body(
                        platform.get("/v1/assets/" + asset.path("asset_id").asText(), creatorKey))
                .path("upload_status")
                .asText();
    }

    /** Sends an upload's headers and its first bytes, then nothing: a client that stalls. */
    private Socket stalledUpload(JsonNode asset) throws Exception {
        URI url = URI.create(asset.path("upload_url").asText());
        Socket socket = new Socket(url.getHost(), url.getPort());
        slowClients.add(socket);
        OutputStream out = socket.getOutputStream();
        out.write(("PUT " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                        + "\r\nAuthorization: Bearer " + creatorKey
                        + "\r\nContent-Type: application/octet-stream\r\nContent-Length: 500\r\n\r\n0123456789")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        com.royaltydesk.platform.testutil.Eventually.await(condition, Duration.ofSeconds(30), "the upload's state");
    }

    @Test
    void sizeCap_declaredOrStreamedPastIt_refusedNamingIt_andAtItAccepted() throws Exception {
        start(new UploadLimits(1000, Duration.ofSeconds(30), 4));

        var declared = platform.json(
                "POST", "/v1/assets", creatorKey, "{\"name\":\"too big\"," + PRICE + ",\"size_bytes\":1001}");
        JsonNode undeclared = register("");
        var tooLarge = platform.putBytes(undeclared.path("upload_url").asText(), creatorKey, new byte[1001]);

        assertErrorField(declared, 400, "invalid_request", "size_bytes");
        assertThat(declared.body()).contains("1000");
        assertError(tooLarge, 413, "upload_too_large");
        assertThat(tooLarge.body()).contains("1000 bytes");
        assertThat(status(undeclared)).isEqualTo("awaiting_upload");
        byte[] atTheCap = new byte[1000];
        Arrays.fill(atTheCap, (byte) 7);
        assertThat(platform.putBytes(undeclared.path("upload_url").asText(), creatorKey, atTheCap)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void silentClient_droppedAfterTheReadTimeoutWith408_nothingChanged() throws Exception {
        start(new UploadLimits(1000, Duration.ofSeconds(1), 4));
        JsonNode asset = register("");

        Socket socket = stalledUpload(asset);
        socket.setSoTimeout(30_000);
        String answer = readAnswer(socket.getInputStream());

        assertThat(answer).startsWith("HTTP/1.1 408").contains("\"upload_timeout\"");
        assertThat(status(asset)).isEqualTo("awaiting_upload");
        await(() -> platform.server().uploadsInFlight() == 0);
    }

    @Test
    void concurrencyCap_oneMoreUploadIs429WithRetryAfter_andASlotFreedIsUsable() throws Exception {
        start(new UploadLimits(1000, Duration.ofSeconds(60), 2));
        JsonNode first = register("");
        JsonNode second = register("");
        JsonNode third = register("");
        Socket one = stalledUpload(first);
        Socket two = stalledUpload(second);
        // The server's own count, not a guess: both stalled uploads hold their slots now.
        await(() -> platform.server().uploadsInFlight() == 2);

        var refused = platform.putBytes(third.path("upload_url").asText(), creatorKey, new byte[10]);

        assertError(refused, 429, "too_many_uploads");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).contains("at most 2 uploads");
        one.close();
        two.close();
        await(() -> platform.server().uploadsInFlight() == 0);
        assertThat(platform.putBytes(third.path("upload_url").asText(), creatorKey, new byte[10])
                        .statusCode())
                .isEqualTo(200);
    }

    private static String readAnswer(InputStream in) throws Exception {
        byte[] buffer = new byte[8192];
        StringBuilder answer = new StringBuilder();
        int read;
        while ((read = in.read(buffer)) > 0) {
            answer.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
            if (answer.indexOf("}}") >= 0) {
                break;
            }
        }
        return answer.toString();
    }
}
