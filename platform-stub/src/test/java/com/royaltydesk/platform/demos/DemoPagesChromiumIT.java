package com.royaltydesk.platform.demos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.royaltydesk.platform.testutil.HeadlessChromium;
import com.royaltydesk.platform.testutil.JarPlatform;
import com.royaltydesk.platform.testutil.Usage;
import com.royaltydesk.verify.testsupport.Forger;
import com.royaltydesk.verify.testsupport.StaticSite;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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
    }

    /**
     * The platform jar, started on first use: the forgery pages are served from a folder and need
     * none, and each start is a JVM of its own (most of this class's time, decision 0022).
     */
    private JarPlatform platform() throws Exception {
        if (platform == null) {
            platform = JarPlatform.start(dir);
        }
        return platform;
    }

    @AfterEach
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    private String dom(String url) throws Exception {
        return HeadlessChromium.dumpDom(url);
    }

    private JsonNode sandboxReceipt() throws Exception {
        return platform().call("POST", "/v1/sandbox/proof-of-training", null, null);
    }

    private static Path demos() {
        return Path.of(System.getProperty("demos.dir", "../demos"))
                .toAbsolutePath()
                .normalize();
    }

    @Test
    void verifyPage_servedByPlatform_trustsItsOwnOriginAndSaysSandbox() throws Exception {
        String id = sandboxReceipt().path("receipt_id").asText();

        String dom = dom(platform().baseUrl() + "/demos/demo-verify.html?receipt=" + id);

        assertThat(HeadlessChromium.attribute(dom, "result", "data-verdict"))
                .as(dom)
                .isEqualTo("SANDBOX");
        assertThat(dom)
                .contains("Checked by: Web Crypto")
                .contains("this page's origin " + platform().baseUrl() + " vouches")
                .contains("Receipt is in the append-only log");
    }

    @Test
    void verifyPage_tamperedReceipt_badSignature() throws Exception {
        String jwt = sandboxReceipt().path("receipt_jwt").asText();
        String[] parts = jwt.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"portion_used\":0.12", "\"portion_used\":0.99");
        String tampered = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
                + parts[2];

        String dom = dom(platform().baseUrl() + "/demos/demo-verify.html?jwt=" + tampered);

        assertThat(HeadlessChromium.attribute(dom, "result", "data-verdict"))
                .as(dom)
                .isEqualTo("BAD_SIGNATURE");
    }

    @Test
    void verifyPage_fromFilePointedAtAnApi_theApiNeverVouchesForItselfUnlessItsRootFingerprintIsGiven()
            throws Exception {
        String id = sandboxReceipt().path("receipt_id").asText();
        String url = demos().resolve("demo-verify.html").toUri() + "?api="
                + URLEncoder.encode(platform().baseUrl(), StandardCharsets.UTF_8) + "&receipt=" + id;
        String root = platform().text("/.well-known/rdk-trust-root.json");
        String fingerprint = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(root.getBytes(StandardCharsets.UTF_8)));

        String untrusted = dom(url);
        String pinned = dom(url + "&trust_fingerprint=" + fingerprint);
        String wrongPin = dom(url + "&trust_fingerprint=" + "0".repeat(64));

        assertThat(HeadlessChromium.attribute(untrusted, "result", "data-verdict"))
                .as(untrusted)
                .isEqualTo("UNTRUSTED_SIGNER");
        assertThat(HeadlessChromium.attribute(pinned, "result", "data-verdict"))
                .as(pinned)
                .isEqualTo("SANDBOX");
        assertThat(pinned).contains("root SHA-256 you gave");
        assertThat(HeadlessChromium.attribute(wrongPin, "result", "data-verdict"))
                .isEqualTo("UNTRUSTED_SIGNER");
        assertThat(wrongPin).contains("not trusted");
    }

    @Test
    void requestPage_getsASandboxReceipt() throws Exception {
        String dom = dom(platform().baseUrl() + "/demos/demo-request-receipt.html?auto=1");

        assertThat(HeadlessChromium.attribute(dom, "status", "data-status"))
                .as(dom)
                .isEqualTo("issued");
        String id = HeadlessChromium.attribute(dom, "status", "data-receipt-id");
        assertThat(platform()
                        .call("GET", "/v1/receipts/" + id, null, null)
                        .path("receipt_id")
                        .asText())
                .isEqualTo(id);
    }

    @Test
    void requestPage_exportedWithItsPlatformsAddress_fromAFolder_noApiParameter_getsAReceipt() throws Exception {
        // What the app's "Export demo folder…" writes: the page, told which platform to call.
        String page = java.nio.file.Files.readString(demos().resolve("demo-request-receipt.html"));
        Path folder = java.nio.file.Files.createDirectories(dir.resolve("exported"));
        java.nio.file.Files.writeString(
                folder.resolve("demo-request-receipt.html"),
                page.replace(
                        "<meta charset=\"utf-8\">",
                        "<meta charset=\"utf-8\">\n<meta name=\"rdk-api\" content=\""
                                + platform().baseUrl() + "\">"));

        String dom = dom(folder.resolve("demo-request-receipt.html").toUri() + "?auto=1");

        assertThat(HeadlessChromium.attribute(dom, "status", "data-status"))
                .as(dom)
                .isEqualTo("issued");
    }

    @Test
    void billingPreviewPage_showsTheSameTotalAsTheApi() throws Exception {
        String creatorKey = platform().credentials().at("/creators/0/api_key").asText();
        demoCreatorUses("page", "demo-model", 7, 1234);
        BigDecimal apiTotal = platform()
                .call("GET", "/v1/billing-preview", creatorKey, null)
                .path("total")
                .decimalValue();

        String dom = dom(platform().baseUrl() + "/demos/demo-billing-preview.html#key=" + creatorKey);

        assertThat(apiTotal).isEqualByComparingTo("0.8638");
        assertThat(new BigDecimal(HeadlessChromium.attribute(dom, "earnings", "data-total")))
                .as(dom)
                .isEqualByComparingTo(apiTotal);
    }

    @Test
    void billingPreviewPage_noKeyOnASandbox_showsTheDemoCreatorsNumbers() throws Exception {
        demoCreatorUses("stranger", "stranger-model", 3, 1000);
        BigDecimal apiTotal = platform()
                .call(
                        "GET",
                        "/v1/billing-preview",
                        platform().credentials().at("/creators/0/api_key").asText(),
                        null)
                .path("total")
                .decimalValue();

        String dom = dom(platform().baseUrl() + "/demos/demo-billing-preview.html");

        assertThat(HeadlessChromium.attribute(dom, "status", "data-source"))
                .as(dom)
                .isEqualTo("sandbox");
        assertThat(new BigDecimal(HeadlessChromium.attribute(dom, "earnings", "data-total")))
                .as(dom)
                .isEqualByComparingTo(apiTotal)
                .isPositive();
    }

    @Test
    void bundlePage_exportedFolderWithItsTrustRoot_platformStopped_sandboxAndTamperingCaught() throws Exception {
        String id = sandboxReceipt().path("receipt_id").asText();
        String bundle = platform()
                .call("GET", "/v1/receipts/" + id + "/bundle", null, null)
                .toString();
        String root = platform().text("/.well-known/rdk-trust-root.json");
        platform().close();
        platform = null;

        try (StaticSite site = StaticSite.serve(dir.resolve("site"), demos(), root)) {
            String good = dom(site.page("demo-bundle-verify.html", bundle));
            String tampered = dom(site.page(
                    "demo-bundle-verify.html", bundle.replaceFirst("\"log_index\":\\d+", "\"log_index\":9999")));

            assertThat(HeadlessChromium.attribute(good, "result", "data-verdict"))
                    .as(good)
                    .isEqualTo("SANDBOX");
            assertThat(good).contains("trust-root.json beside this page vouches");
            assertThat(HeadlessChromium.attribute(tampered, "result", "data-verdict"))
                    .as(tampered)
                    .isEqualTo("NOT_IN_LOG");
        }
    }

    @Test
    void bundlePage_fromFileWithNoTrustRoot_untrusted() throws Exception {
        String id = sandboxReceipt().path("receipt_id").asText();
        String bundle = platform()
                .call("GET", "/v1/receipts/" + id + "/bundle", null, null)
                .toString();

        String dom = dom(demos().resolve("demo-bundle-verify.html").toUri() + "#bundle=" + StaticSite.b64u(bundle));

        assertThat(HeadlessChromium.attribute(dom, "result", "data-verdict"))
                .as(dom)
                .isEqualTo("UNTRUSTED_SIGNER");
    }

    /** Forgeries that need no memory (pages keep none): each refused in real Chromium. */
    static List<Forger.Forgery> statelessForgeries() {
        return Forger.all().stream().filter(f -> !f.needsState()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statelessForgeries")
    void bundlePage_forgery_refusedWithItsVerdict(Forger.Forgery forgery) throws Exception {
        try (StaticSite site = StaticSite.serve(dir.resolve("forged"), demos(), forgery.trustRoot())) {
            String dom = dom(site.page("demo-bundle-verify.html", forgery.bundle()));

            assertThat(HeadlessChromium.attribute(dom, "result", "data-verdict"))
                    .as(dom)
                    .isEqualTo(forgery.expected().name());
            if (forgery.rootTampered()) {
                assertThat(dom).contains("Refused:").contains("tampered");
            }
        }
    }

    @Test
    void bundlePage_genuineLiveBundleWithItsRoot_verifiedNamingWhoVouched() throws Exception {
        Forger.Forgery genuine = Forger.genuine();
        try (StaticSite site = StaticSite.serve(dir.resolve("genuine"), demos(), genuine.trustRoot())) {
            String dom = dom(site.page("demo-bundle-verify.html", genuine.bundle()));

            assertThat(HeadlessChromium.attribute(dom, "result", "data-verdict"))
                    .as(dom)
                    .isEqualTo("VERIFIED");
            assertThat(dom).contains("trust-root.json beside this page vouches").contains("live");
        }
    }

    /** A receipt for the demo creator's dataset and {@code count} usage events of {@code tokens} on it. */
    private void demoCreatorUses(String prefix, String model, int count, long tokens) throws Exception {
        JsonNode credentials = platform().credentials();
        String receipt = platform()
                .call(
                        "POST",
                        "/v1/proof-of-training",
                        credentials.path("platform_key").asText(),
                        com.royaltydesk.platform.testutil.Receipts.proofJson("ds_sandbox_demo", "creator_42", model))
                .path("receipt_id")
                .asText();
        platform()
                .call(
                        "POST",
                        "/v1/usage-events",
                        credentials.path("host_key").asText(),
                        Usage.batch(prefix, count, model, receipt, tokens, Instant.now()));
    }
}
