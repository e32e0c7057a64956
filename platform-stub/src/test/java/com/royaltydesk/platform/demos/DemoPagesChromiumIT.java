package com.royaltydesk.platform.demos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.royaltydesk.platform.testutil.HeadlessChromium;
import com.royaltydesk.platform.testutil.JarPlatform;
import com.royaltydesk.platform.testutil.Usage;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The static demo pages in real headless Chromium, against the platform started from its jar. */
class DemoPagesChromiumIT {

    @TempDir
    Path dir;

    private JarPlatform platform;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(
                HeadlessChromium.binary() != null,
                "Chromium is not installed (apt-get install chromium; .ci/run installs it): demo page tests skipped");
        platform = JarPlatform.start(dir);
    }

    @AfterEach
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    private String dom(String url) throws Exception {
        return HeadlessChromium.dumpDom(url, dir.resolve("profile-" + System.nanoTime()));
    }

    private JsonNode sandboxReceipt() throws Exception {
        return platform.call("POST", "/v1/sandbox/proof-of-training", null, null);
    }

    private static Path demos() {
        return Path.of(System.getProperty("demos.dir", "../demos"))
                .toAbsolutePath()
                .normalize();
    }

    @Test
    void verifyPage_servedByPlatform_realReceiptVerifiedWithWebCrypto() throws Exception {
        String id = sandboxReceipt().path("receipt_id").asText();

        String dom = dom(platform.baseUrl() + "/demos/demo-verify.html?receipt=" + id);

        assertThat(HeadlessChromium.attribute(dom, "result", "data-status"))
                .as(dom)
                .isEqualTo("verified");
        assertThat(dom).contains("Verified by: Web Crypto").contains("Receipt is in the append-only log");
    }

    @Test
    void verifyPage_tamperedReceipt_notVerified() throws Exception {
        String jwt = sandboxReceipt().path("receipt_jwt").asText();
        String[] parts = jwt.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"portion_used\":0.12", "\"portion_used\":0.99");
        String tampered = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
                + parts[2];

        String dom = dom(platform.baseUrl() + "/demos/demo-verify.html?jwt=" + tampered);

        assertThat(HeadlessChromium.attribute(dom, "result", "data-status"))
                .as(dom)
                .isEqualTo("not-verified");
        assertThat(dom).contains("Signature verifies with that key");
    }

    @Test
    void verifyPage_openedFromFileWithApiParameter_worksThroughCors() throws Exception {
        String id = sandboxReceipt().path("receipt_id").asText();
        String url = demos().resolve("demo-verify.html").toUri() + "?api="
                + URLEncoder.encode(platform.baseUrl(), StandardCharsets.UTF_8) + "&receipt=" + id;

        String dom = dom(url);

        assertThat(HeadlessChromium.attribute(dom, "result", "data-status"))
                .as(dom)
                .isEqualTo("verified");
    }

    @Test
    void requestPage_getsASandboxReceipt() throws Exception {
        String dom = dom(platform.baseUrl() + "/demos/demo-request-receipt.html?auto=1");

        assertThat(HeadlessChromium.attribute(dom, "status", "data-status"))
                .as(dom)
                .isEqualTo("issued");
        String id = HeadlessChromium.attribute(dom, "status", "data-receipt-id");
        assertThat(platform.call("GET", "/v1/receipts/" + id, null, null)
                        .path("receipt_id")
                        .asText())
                .isEqualTo(id);
    }

    @Test
    void billingPreviewPage_showsTheSameTotalAsTheApi() throws Exception {
        JsonNode credentials = platform.credentials();
        String creatorKey = credentials.at("/creators/0/api_key").asText();
        String receipt = platform.call(
                        "POST",
                        "/v1/proof-of-training",
                        credentials.path("platform_key").asText(),
                        com.royaltydesk.platform.testutil.Receipts.proofJson(
                                "ds_sandbox_demo", "creator_42", "demo-model"))
                .path("receipt_id")
                .asText();
        platform.call(
                "POST",
                "/v1/usage-events",
                credentials.path("host_key").asText(),
                Usage.batch("page", 7, "demo-model", receipt, 1234, Instant.now()));
        BigDecimal apiTotal = platform.call("GET", "/v1/billing-preview", creatorKey, null)
                .path("total")
                .decimalValue();

        String dom = dom(platform.baseUrl() + "/demos/demo-billing-preview.html#key=" + creatorKey);

        assertThat(apiTotal).isEqualByComparingTo("0.8638");
        assertThat(new BigDecimal(HeadlessChromium.attribute(dom, "earnings", "data-total")))
                .as(dom)
                .isEqualByComparingTo(apiTotal);
    }

    @Test
    void bundlePage_fromFileWithThePlatformStopped_verifiesOfflineAndRejectsTampering() throws Exception {
        String id = sandboxReceipt().path("receipt_id").asText();
        String bundle = platform.call("GET", "/v1/receipts/" + id + "/bundle", null, null)
                .toString();
        String tampered = bundle.replaceFirst("\"log_index\":\\d+", "\"log_index\":9999");
        platform.close();
        platform = null;
        String page = demos().resolve("demo-bundle-verify.html").toUri().toString();

        String good = dom(page + "#bundle="
                + Base64.getUrlEncoder().withoutPadding().encodeToString(bundle.getBytes(StandardCharsets.UTF_8)));
        String bad = dom(page + "#bundle="
                + Base64.getUrlEncoder().withoutPadding().encodeToString(tampered.getBytes(StandardCharsets.UTF_8)));

        assertThat(HeadlessChromium.attribute(good, "result", "data-status"))
                .as(good)
                .isEqualTo("verified");
        assertThat(good).contains("no network used");
        assertThat(HeadlessChromium.attribute(bad, "result", "data-status"))
                .as(bad)
                .isEqualTo("not-verified");
    }
}
