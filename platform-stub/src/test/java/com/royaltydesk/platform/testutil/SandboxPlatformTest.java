package com.royaltydesk.platform.testutil;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base for HTTP tests that each want a fresh sandbox platform on its own data directory: the
 * real server on a loopback port, started before every test and closed after it. A subclass's own
 * {@code @BeforeEach} runs after this one, so it can already call the platform.
 */
public abstract class SandboxPlatformTest {

    @TempDir
    protected Path dataDir;

    protected RunningPlatform platform;

    @BeforeEach
    void startSandboxPlatform() {
        platform = RunningPlatform.start(dataDir);
    }

    @AfterEach
    void closeSandboxPlatform() {
        platform.close();
    }
}
