package com.royaltydesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.app.api.PlatformClient;
import com.royaltydesk.app.testutil.SandboxCalls;
import com.royaltydesk.platform.PlatformConfig;
import com.royaltydesk.platform.PlatformServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The headless verify command on real bundles, with the platform stopped before checking. */
class VerifyCommandTest {

    @TempDir
    Path dir;

    private Path bundle;

    @BeforeEach
    void exportABundle() throws Exception {
        Path platformDir = dir.resolve("platform");
        try (PlatformServer platform = PlatformServer.start(PlatformConfig.embedded(platformDir));
                PlatformClient client =
                        PlatformClient.connect(platform.baseUrl(), SandboxCalls.creatorKey(platformDir))) {
            String receiptId = SandboxCalls.recordReceipt(platform.baseUrl(), platformDir, "m");
            bundle = Files.writeString(dir.resolve("receipt.bundle.json"), client.bundle(receiptId));
        }
    }

    private static String run(List<String> args, int[] exit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exit[0] = VerifyCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void verify_goodBundle_exit0AndEveryCheckPrinted() {
        int[] exit = new int[1];
        String output = run(List.of(bundle.toString()), exit);

        assertThat(exit[0]).isZero();
        assertThat(output)
                .contains("VERIFIED")
                .contains("[ok]   receipt signature")
                .contains("[ok]   inclusion proof");
        assertThat(output).doesNotContain("[FAIL]");
    }

    @Test
    void verify_tamperedBundle_exit1AndTheFailedCheckNamed() throws Exception {
        Path tampered = Files.writeString(
                dir.resolve("bad.bundle.json"),
                Files.readString(bundle).replaceFirst("\"root_hash\":\"[0-9a-f]{4}", "\"root_hash\":\"0000"));
        int[] exit = new int[1];

        String output = run(List.of(bundle.toString(), tampered.toString()), exit);

        assertThat(exit[0]).isEqualTo(1);
        assertThat(output).contains("bad.bundle.json: NOT VERIFIED").contains("[FAIL]");
    }

    @Test
    void verify_noArgumentsOrMissingFile_nonZero() {
        int[] exit = new int[1];
        assertThat(run(List.of(), exit)).contains("Usage");
        assertThat(exit[0]).isEqualTo(2);
        assertThat(run(List.of(dir.resolve("nope.json").toString()), exit)).contains("cannot read");
        assertThat(exit[0]).isEqualTo(1);
    }
}
