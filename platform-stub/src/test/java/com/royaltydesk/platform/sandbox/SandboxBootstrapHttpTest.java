package com.royaltydesk.platform.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.royaltydesk.platform.testutil.RunningPlatform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxBootstrapHttpTest {

    @TempDir
    Path dataDir;

    @Test
    void start_existingDataDirWithLoosePermissions_madeOwnerOnly() throws Exception {
        Path loose = java.nio.file.Files.createDirectories(dataDir.resolve("loose"));
        Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rwxr-xr-x"));

        RunningPlatform.start(loose, true).close();

        assertThat(Files.getPosixFilePermissions(loose)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void start_sandboxFreshDataDir_writesOwnerOnlyCredentialsThatWork() throws Exception {
        RunningPlatform.start(dataDir.resolve("fresh"), false).close();
        try (RunningPlatform platform = RunningPlatform.start(dataDir, true)) {
            Path file = dataDir.resolve(SandboxCredentials.FILE_NAME);
            JsonNode credentials = platform.credentials();

            assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.getPosixFilePermissions(dataDir.resolve("fresh")))
                    .as("a data dir the platform creates is owner-only")
                    .isEqualTo(PosixFilePermissions.fromString("rwx------"));
            assertThat(credentials.path("platform_key").asText()).startsWith("rdk_test_platform_");
            assertThat(credentials.path("host_key").asText()).startsWith("rdk_test_host_");
            assertThat(credentials.at("/creators/0/creator_id").asText()).isEqualTo("creator_42");
            assertThat(credentials.at("/creators/0/api_key").asText()).startsWith("rdk_test_creator_");
            assertThat(platform.get("/v1/assets", platform.creator42Key()).statusCode())
                    .isEqualTo(200);
            assertThat(platform.get("/v1/assets", platform.platformKey()).statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void restart_sameDataDir_keepsTheSameKeys() throws Exception {
        String first;
        try (RunningPlatform platform = RunningPlatform.start(dataDir, true)) {
            first = Files.readString(dataDir.resolve(SandboxCredentials.FILE_NAME));
        }
        try (RunningPlatform platform = RunningPlatform.start(dataDir, true)) {
            assertThat(Files.readString(dataDir.resolve(SandboxCredentials.FILE_NAME)))
                    .isEqualTo(first);
            assertThat(platform.get("/v1/assets", platform.creator42Key()).statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void start_sandbox_demoAssetHasItsContentCheckedAlready() throws Exception {
        try (RunningPlatform platform = RunningPlatform.start(dataDir, true)) {
            JsonNode assets = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(
                            platform.get("/v1/assets", platform.creator42Key()).body());

            JsonNode demo = assets.path("assets").get(0);
            assertThat(demo.path("asset_id").asText()).isEqualTo(SandboxBootstrap.DEMO_DATASET);
            assertThat(demo.path("upload_status").asText()).isEqualTo("verified");
        }
    }

    @Test
    void start_notSandbox_writesNoCredentials() {
        try (RunningPlatform platform = RunningPlatform.start(dataDir, false)) {
            assertThat(dataDir.resolve(SandboxCredentials.FILE_NAME)).doesNotExist();
        }
    }
}
