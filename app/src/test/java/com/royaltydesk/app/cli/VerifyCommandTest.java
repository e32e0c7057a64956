package com.royaltydesk.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.royaltydesk.app.api.PlatformClient;
import com.royaltydesk.app.testutil.SandboxCalls;
import com.royaltydesk.app.verify.TrustStore;
import com.royaltydesk.platform.PlatformConfig;
import com.royaltydesk.platform.PlatformServer;
import com.royaltydesk.verify.ReceiptStatus;
import com.royaltydesk.verify.testsupport.Forger;
import com.royaltydesk.verify.trust.TrustRoot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code royalty-desk verify} as SPEC §2a states it: trust only from --trust or the app's store; exit 0/1/2/64. */
class VerifyCommandTest {

    @TempDir
    Path dir;

    private record Run(int exit, String output) {}

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = VerifyCommand.run(
                List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), dir.resolve("app"));
        return new Run(exit, out.toString(StandardCharsets.UTF_8));
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void verify_genuineBundleWithItsTrustRoot_exit0NamingRootAndKey() throws Exception {
        Forger.Forgery genuine = Forger.genuine();
        Path root = write("root.json", genuine.trustRoot());

        Run result = run(
                "--trust",
                root.toString(),
                write("g.bundle.json", genuine.bundle()).toString());

        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output())
                .contains("g.bundle.json: VERIFIED")
                .contains("vouched for by " + root)
                .contains("[ok]   inclusion proof")
                .doesNotContain("[FAIL]");
    }

    @Test
    void verify_genuineBundleNoTrustOnAFreshMachine_exit2() throws Exception {
        Run result = run(write("g.bundle.json", Forger.genuine().bundle()).toString());

        assertThat(result.exit()).isEqualTo(VerifyCommand.UNTRUSTED);
        assertThat(result.output()).contains("No trust root held").contains("UNTRUSTED_SIGNER");
    }

    @Test
    void verify_noTrustFlag_usesThePlatformsTrustedInTheApp() throws Exception {
        Forger.Forgery genuine = Forger.genuine();
        new TrustStore(dir.resolve("app"), Clock.systemUTC())
                .add(TrustRoot.parse(genuine.trustRoot(), "settings"), false);

        assertThat(run(write("g.bundle.json", genuine.bundle()).toString()).exit())
                .isZero();
    }

    static List<Forger.Forgery> forgeries() {
        return Forger.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    void verify_forgery_refusedWithItsExitCode(Forger.Forgery forgery) throws Exception {
        Path root = write("root.json", forgery.trustRoot());
        List<String> args = new ArrayList<>(List.of(
                "--trust", root.toString(), "--state", dir.resolve("state").toString()));
        for (int i = 0; i < forgery.seenFirst().size(); i++) {
            List<String> first = new ArrayList<>(args);
            first.add(write("seen" + i + ".json", forgery.seenFirst().get(i)).toString());
            assertThat(run(first.toArray(String[]::new)).exit()).isZero();
        }
        args.add(write("forged.bundle.json", forgery.bundle()).toString());

        Run result = run(args.toArray(String[]::new));

        int expected = forgery.expected() == ReceiptStatus.LOG_FORKED ? VerifyCommand.FAILED : VerifyCommand.UNTRUSTED;
        assertThat(result.exit()).as(result.output()).isEqualTo(expected);
        assertThat(result.output()).doesNotContain(": VERIFIED");
        if (forgery.rootTampered()) {
            assertThat(result.output()).contains("trust root refused");
        } else {
            assertThat(result.output()).contains(forgery.expected().name());
        }
        if (forgery.expected() == ReceiptStatus.LOG_FORKED) {
            assertThat(result.output()).contains("LOG FORKED: evidence saved to");
            try (var files = Files.list(dir.resolve("state/forks"))) {
                assertThat(files).hasSize(1);
            }
        }
    }

    @Test
    void verify_json_oneObjectPerBundleWithVerdictAndVouch() throws Exception {
        Forger.Forgery genuine = Forger.genuine();
        Path root = write("root.json", genuine.trustRoot());

        Run result = run(
                "--json",
                "--trust",
                root.toString(),
                write("g.json", genuine.bundle()).toString(),
                write("f.json", Forger.foreignKeySameKid().bundle()).toString());

        JsonNode verdicts = new ObjectMapper().readTree(result.output());
        assertThat(result.exit()).isEqualTo(VerifyCommand.UNTRUSTED);
        assertThat(verdicts.get(0).path("verdict").asText()).isEqualTo("VERIFIED");
        assertThat(verdicts.get(0).path("vouched_by").path("environment").asText())
                .isEqualTo("live");
        assertThat(verdicts.get(0).path("log").path("tree_size").asLong()).isEqualTo(2);
        assertThat(verdicts.get(1).path("verdict").asText()).isEqualTo("UNTRUSTED_SIGNER");
        assertThat(verdicts.get(1).path("exit_code").asInt()).isEqualTo(2);
    }

    @Test
    void verify_tamperedBundleOrMissingFile_exit1() throws Exception {
        Forger.Forgery genuine = Forger.genuine();
        Path root = write("root.json", genuine.trustRoot());
        Path tampered = write("bad.json", genuine.bundle().replaceFirst("\"log_index\":1", "\"log_index\":0"));

        Run result = run(
                "--trust",
                root.toString(),
                tampered.toString(),
                dir.resolve("nope.json").toString());

        assertThat(result.exit()).isEqualTo(VerifyCommand.FAILED);
        assertThat(result.output())
                .contains("bad.json: NOT_IN_LOG")
                .contains("nope.json: MALFORMED")
                .contains("cannot read");
    }

    @Test
    void verify_usageErrors_exit64() {
        assertThat(run().exit()).isEqualTo(VerifyCommand.USAGE);
        assertThat(run("--frobnicate", "x.json").output()).contains("unknown option --frobnicate");
        assertThat(run("x.json", "--trust").exit()).isEqualTo(VerifyCommand.USAGE);
        assertThat(run("--witnesses-required", "2", "x.json").exit()).isEqualTo(VerifyCommand.USAGE);
    }

    @Test
    void verify_embeddedSandboxBundleWithItsRootUrl_sandboxExit2() throws Exception {
        Path platformDir = dir.resolve("platform");
        Path bundle;
        try (PlatformServer platform = PlatformServer.start(PlatformConfig.embedded(platformDir));
                PlatformClient client =
                        PlatformClient.connect(platform.baseUrl(), SandboxCalls.creatorKey(platformDir))) {
            String receiptId = SandboxCalls.recordReceipt(platform.baseUrl(), platformDir, "m");
            bundle = write("receipt.bundle.json", client.bundle(receiptId));

            Run result = run("--trust", platform.baseUrl() + "/.well-known/rdk-trust-root.json", bundle.toString());

            assertThat(result.exit()).as(result.output()).isEqualTo(VerifyCommand.UNTRUSTED);
            assertThat(result.output()).contains("SANDBOX").contains("not evidence");
        }
    }
}
