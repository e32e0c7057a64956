package com.royaltydesk.platform.receipts;

import static com.royaltydesk.platform.testutil.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.royaltydesk.platform.testutil.Receipts;
import com.royaltydesk.platform.testutil.RunningPlatform;
import com.royaltydesk.platform.testutil.SandboxPlatformTest;
import com.royaltydesk.verify.ReceiptStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class SigningKeysHttpTest extends SandboxPlatformTest {

    @Test
    void jwks_publicKeysOnlyWithCachingHeaders() throws Exception {
        Receipts.record(platform, "m");

        HttpResponse<String> response = platform.get("/.well-known/jwks.json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("public, max-age=300");
        assertThat(response.headers().firstValue("ETag")).isPresent();
        JsonNode key = RunningPlatform.body(response).at("/keys/0");
        assertThat(key.path("kid").asText()).isNotBlank();
        assertThat(key.path("alg").asText()).isEqualTo("EdDSA");
        assertThat(key.path("use").asText()).isEqualTo("sig");
        assertThat(key.has("d")).as("no private key material").isFalse();
    }

    @Test
    void jwks_ifNoneMatchSameEtag_304() throws Exception {
        Receipts.record(platform, "m");
        String etag = platform.get("/.well-known/jwks.json")
                .headers()
                .firstValue("ETag")
                .orElseThrow();

        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(platform.baseUrl() + "/.well-known/jwks.json"))
                                .header("If-None-Match", etag)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(304);
    }

    @Test
    void rotate_oldReceiptsStillVerifyAndNewOnesUseTheNewKey() throws Exception {
        JsonNode before = Receipts.record(platform, "m");
        String etagBefore = platform.get("/.well-known/jwks.json")
                .headers()
                .firstValue("ETag")
                .orElseThrow();

        HttpResponse<String> rotated =
                platform.json("POST", "/v1/admin/signing-keys/rotate", platform.platformKey(), null);
        JsonNode after = Receipts.record(platform, "m");

        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(201);
        String newKid = RunningPlatform.body(rotated).path("kid").asText();
        assertThat(after.path("kid").asText())
                .isEqualTo(newKid)
                .isNotEqualTo(before.path("kid").asText());
        assertThat(Receipts.verify(platform, before.path("receipt_jwt").asText())
                        .status())
                .isEqualTo(ReceiptStatus.VERIFIED);
        assertThat(Receipts.verify(platform, after.path("receipt_jwt").asText()).status())
                .isEqualTo(ReceiptStatus.VERIFIED);
        assertThat(platform.get("/.well-known/jwks.json").headers().firstValue("ETag"))
                .isNotEqualTo(java.util.Optional.of(etagBefore));
        // Each key says when it was made; the retired one until when its receipts may be verified.
        JsonNode keys =
                RunningPlatform.body(platform.get("/.well-known/jwks.json")).path("keys");
        JsonNode old = null;
        JsonNode current = null;
        for (JsonNode key : keys) {
            if (key.path("kid").asText().equals(before.path("kid").asText())) {
                old = key;
            } else if (key.path("kid").asText().equals(newKid)) {
                current = key;
            }
        }
        long now = java.time.Instant.now().getEpochSecond();
        assertThat(old.path("iat").asLong())
                .isPositive()
                .isLessThanOrEqualTo(current.path("iat").asLong());
        assertThat(old.path("exp").asLong())
                .as("verifiable until its receipts expire")
                .isGreaterThan(now);
        assertThat(current.has("exp")).as("the active key has no end yet").isFalse();
    }

    @Test
    void rotate_toEs256_newReceiptsEs256AndVerify() throws Exception {
        platform.json("POST", "/v1/admin/signing-keys/rotate", platform.platformKey(), "{\"alg\":\"ES256\"}");

        JsonNode receipt = Receipts.record(platform, "m");

        assertThat(receipt.path("alg").asText()).isEqualTo("ES256");
        assertThat(Receipts.verify(platform, receipt.path("receipt_jwt").asText())
                        .status())
                .isEqualTo(ReceiptStatus.VERIFIED);
    }

    @Test
    void rotate_notPlatformOrBadAlg_rejected() throws Exception {
        assertError(
                platform.json("POST", "/v1/admin/signing-keys/rotate", platform.creator42Key(), null),
                403,
                "forbidden");
        assertError(
                platform.json("POST", "/v1/admin/signing-keys/rotate", platform.platformKey(), "{\"alg\":\"HS256\"}"),
                400,
                "invalid_request");
    }

    @Test
    void platformConfiguredForEs256_receiptsEs256AndVerify() throws Exception {
        platform.close();
        platform = RunningPlatform.start(dataDir.resolve("es256"), true, SigningAlgorithm.ES256);

        JsonNode receipt = Receipts.record(platform, "m");

        assertThat(receipt.path("alg").asText()).isEqualTo("ES256");
        assertThat(Receipts.verify(platform, receipt.path("receipt_jwt").asText())
                        .status())
                .isEqualTo(ReceiptStatus.VERIFIED);
    }

    @Test
    void restart_keysPersist_oldReceiptsStillVerify() throws Exception {
        JsonNode receipt = Receipts.record(platform, "m");
        platform.close();
        platform = RunningPlatform.start(dataDir);

        assertThat(Receipts.verify(platform, receipt.path("receipt_jwt").asText())
                        .status())
                .isEqualTo(ReceiptStatus.VERIFIED);
        assertThat(Receipts.record(platform, "m").path("kid").asText())
                .isEqualTo(receipt.path("kid").asText());
    }
}
