package com.royaltydesk.app.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.app.api.PlatformClient;
import com.royaltydesk.app.testutil.SandboxCalls;
import com.royaltydesk.platform.PlatformConfig;
import com.royaltydesk.platform.PlatformServer;
import com.royaltydesk.verify.ReceiptStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live checks against a real platform's JWKS: caching per Cache-Control, a refetch on a new key. */
class ReceiptCheckerTest {

    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock();
    private final ReceiptChecker checker = new ReceiptChecker(clock);
    private PlatformServer platform;
    private PlatformClient client;

    /** Real time, plus however far a test moved it. */
    private static final class MovableClock extends Clock {
        private Duration ahead = Duration.ZERO;

        @Override
        public Instant instant() {
            return Instant.now().plus(ahead);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @BeforeEach
    void start() throws Exception {
        platform = PlatformServer.start(PlatformConfig.embedded(dir.resolve("platform")));
        client = PlatformClient.connect(platform.baseUrl(), SandboxCalls.creatorKey(dir.resolve("platform")));
    }

    @AfterEach
    void stop() {
        client.close();
        platform.close();
    }

    private String record(String model) throws Exception {
        return SandboxCalls.recordReceipt(platform.baseUrl(), dir.resolve("platform"), model);
    }

    private void rotate() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(platform.baseUrl() + "/v1/admin/signing-keys/rotate"))
                                .header("Authorization", "Bearer " + SandboxCalls.platformKey(dir.resolve("platform")))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    @Test
    void checkLive_keysCachedForTheirMaxAgeThenRevalidated() throws Exception {
        String first = record("m1");
        String second = record("m2");

        assertThat(checker.checkLive(client, first).report().status()).isEqualTo(ReceiptStatus.VALID);
        assertThat(checker.checkLive(client, second).report().status()).isEqualTo(ReceiptStatus.VALID);
        assertThat(checker.jwks().fetches())
                .as("one fetch serves both: max-age=300")
                .isEqualTo(1);

        clock.ahead = Duration.ofSeconds(301);
        assertThat(checker.checkLive(client, first).report().status()).isEqualTo(ReceiptStatus.VALID);
        assertThat(checker.jwks().fetches())
                .as("stale: revalidated (a 304 keeps the keys)")
                .isEqualTo(2);
    }

    @Test
    void checkLive_receiptSignedByAKeyTheCacheLacks_refetchedOnceAndValid() throws Exception {
        String before = record("m1");
        ReceiptChecker.Checked old = checker.checkLive(client, before);
        assertThat(old.signingKey()).startsWith("Signed with key rk_").contains("still the platform's signing key");

        rotate();
        String after = record("m2");
        ReceiptChecker.Checked checked = checker.checkLive(client, after);

        assertThat(checked.report().status()).isEqualTo(ReceiptStatus.VALID);
        assertThat(checker.jwks().fetches())
                .as("the cache was fresh, but lacked the new kid")
                .isEqualTo(2);
        assertThat(checked.report().checks())
                .anySatisfy(c -> assertThat(c.name()).isEqualTo("keys from the platform's JWKS"));
        ReceiptChecker.Checked retired = checker.checkLive(client, before);
        assertThat(retired.report().status()).isEqualTo(ReceiptStatus.VALID);
        assertThat(retired.signingKey()).contains("retired, its receipts verifiable until");
    }

    @Test
    void maxAge_readFromCacheControl() {
        assertThat(JwksCache.maxAge("public, max-age=300")).isEqualTo(Duration.ofSeconds(300));
        assertThat(JwksCache.maxAge("no-store")).isZero();
        assertThat(JwksCache.maxAge("max-age=60, no-cache")).isZero();
        assertThat(JwksCache.maxAge(null)).isZero();
    }
}
