package com.royaltydesk.platform.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.platform.testutil.RunningPlatform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformKeyBootstrapHttpTest {

    @TempDir
    Path dataDir;

    @Test
    void liveMode_firstStart_writesAWorkingOwnerOnlyPlatformKeyOnce() throws Exception {
        Path file = dataDir.resolve(PlatformKeyBootstrap.FILE_NAME);
        String key;
        try (RunningPlatform platform = RunningPlatform.start(dataDir, false)) {
            key = Files.readString(file).trim();

            assertThat(key).startsWith("rdk_live_platform_");
            assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(platform.json("POST", "/v1/creators", key, "{}").statusCode())
                    .isEqualTo(201);
        }
        Files.delete(file);
        try (RunningPlatform again = RunningPlatform.start(dataDir, false)) {
            assertThat(file).as("not made again while a platform key exists").doesNotExist();
            assertThat(again.json("POST", "/v1/creators", key, "{}").statusCode())
                    .isEqualTo(201);
        }
    }

    @Test
    void sandboxMode_noInitialKeyFile() {
        try (RunningPlatform platform = RunningPlatform.start(dataDir, true)) {
            assertThat(dataDir.resolve(PlatformKeyBootstrap.FILE_NAME)).doesNotExist();
        }
    }
}
