package com.royaltydesk.app.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.app.api.PlatformClient;
import com.royaltydesk.app.testutil.SandboxCalls;
import com.royaltydesk.platform.PlatformConfig;
import com.royaltydesk.platform.PlatformServer;
import com.royaltydesk.verify.ReceiptStatus;
import com.royaltydesk.verify.state.FileCheckpointMemory;
import com.royaltydesk.verify.trust.TrustRoot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live checks against a real platform, trusting only what the trust store holds. */
class ReceiptCheckerTest {

    @TempDir
    Path dir;

    private TrustStore trust;
    private ReceiptChecker checker;
    private PlatformServer platform;
    private PlatformClient client;

    @BeforeEach
    void start() throws Exception {
        platform = PlatformServer.start(PlatformConfig.embedded(dir.resolve("platform")));
        client = PlatformClient.connect(platform.baseUrl(), SandboxCalls.creatorKey(dir.resolve("platform")));
        trust = new TrustStore(dir.resolve("app"), Clock.systemUTC());
        checker =
                new ReceiptChecker(Clock.systemUTC(), trust, new FileCheckpointMemory(dir.resolve("app/checkpoints")));
    }

    @AfterEach
    void stop() {
        client.close();
        platform.close();
    }

    private String record(String model) throws Exception {
        return SandboxCalls.recordReceipt(platform.baseUrl(), dir.resolve("platform"), model);
    }

    private TrustRoot root() throws Exception {
        return TrustRoot.parse(client.trustRoot(), platform.baseUrl());
    }

    @Test
    void checkLive_nothingTrusted_untrustedSignerWhateverThePlatformServes() throws Exception {
        String id = record("m1");

        ReceiptChecker.Checked checked = checker.checkLive(client, id);

        assertThat(checked.report().status()).isEqualTo(ReceiptStatus.UNTRUSTED_SIGNER);
        assertThat(checked.signingKey()).startsWith("No trust root you hold vouches");
    }

    @Test
    void checkLive_embeddedSandboxTrustedForTheSession_verifiedAndMarkedSandbox() throws Exception {
        trust.trustSessionSandbox(root());
        String id = record("m1");

        ReceiptChecker.Checked checked = checker.checkLive(client, id);

        assertThat(checked.report().status())
                .as(checked.report().checks().toString())
                .isEqualTo(ReceiptStatus.VERIFIED);
        assertThat(checked.report().receipt().isSandbox()).isTrue();
        assertThat(checked.signingKey()).contains("sandbox").contains("still active");
        assertThat(trust.entries()).as("the session's sandbox is never saved").isEmpty();
    }

    @Test
    void checkLive_sandboxRootSavedWithoutSandboxTrust_sandboxVerdict() throws Exception {
        trust.add(root(), false);

        assertThat(checker.checkLive(client, record("m1")).report().status()).isEqualTo(ReceiptStatus.SANDBOX);
    }

    @Test
    void checkLive_afterARotation_rootRefreshedAsASuccessorAndBothReceiptsVerify() throws Exception {
        trust.add(root(), true);
        String before = record("m1");
        assertThat(checker.checkLive(client, before).report().status()).isEqualTo(ReceiptStatus.VERIFIED);

        rotate();
        String after = record("m2");

        assertThat(checker.checkLive(client, after).report().status()).isEqualTo(ReceiptStatus.VERIFIED);
        ReceiptChecker.Checked old = checker.checkLive(client, before);
        assertThat(old.report().status()).isEqualTo(ReceiptStatus.VERIFIED);
        assertThat(old.signingKey()).contains("until");
        assertThat(trust.entries()).hasSize(1);
    }

    @Test
    void policy_savedRootFileEdited_notUsedAndNamed() throws Exception {
        TrustStore.Entry entry = trust.add(root(), true);
        Path file = dir.resolve("app/trust/roots/" + entry.fingerprint() + ".json");
        Files.writeString(file, Files.readString(file).replace("\"sandbox\"", "\"live\""));

        assertThat(checker.checkLive(client, record("m1")).report().status()).isEqualTo(ReceiptStatus.UNTRUSTED_SIGNER);
        assertThat(trust.problems()).singleElement().asString().contains("changed since you trusted it");
    }

    @Test
    void checkSignatures_tableColumn_noNetworkPerReceiptAndTrustDecides() throws Exception {
        String id = record("m1");
        var page = client.receipts(null, 10, null).receipts();

        assertThat(checker.checkSignatures(client, page)).containsEntry(id, ReceiptStatus.UNTRUSTED_SIGNER);
        trust.trustSessionSandbox(root());
        assertThat(checker.checkSignatures(client, page)).containsEntry(id, ReceiptStatus.VERIFIED);
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
}
