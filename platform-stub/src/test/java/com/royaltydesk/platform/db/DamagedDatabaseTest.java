package com.royaltydesk.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.royaltydesk.platform.PlatformConfig;
import com.royaltydesk.platform.PlatformServer;
import com.royaltydesk.platform.testutil.Evidence;
import com.royaltydesk.platform.testutil.PlatformProcess;
import com.royaltydesk.platform.testutil.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The H2 file that kill -9 left unopenable (src/test/resources/evidence): the platform moves it
 * aside, never deletes it, says so in words, and will not start empty behind the user's back.
 */
class DamagedDatabaseTest {

    @TempDir
    Path dataDir;

    private long unpackEvidence() throws Exception {
        return Evidence.unpackDamagedH2(dataDir);
    }

    private PlatformServer start() {
        // Always this folder's own H2 file, on either test run: the damage is H2's.
        return PlatformServer.start(new PlatformConfig(PlatformConfig.DEFAULT_HOST, 0, dataDir, null, true));
    }

    private List<Path> setAside() throws Exception {
        try (Stream<Path> files = Files.list(dataDir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("royaltydesk.mv.db.unopenable-"))
                    .toList();
        }
    }

    @Test
    void evidenceFile_movedAsideUnchanged_refusedInWordsNamingIt() throws Exception {
        long size = unpackEvidence();

        assertThatThrownBy(this::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("could not be opened")
                .hasMessageContaining("StackOverflowError")
                .hasMessageContaining("royaltydesk.mv.db.unopenable-")
                .hasMessageContaining("nothing was deleted");

        List<Path> aside = setAside();
        assertThat(aside).hasSize(1);
        assertThat(Files.size(aside.get(0))).isEqualTo(size);
        assertThat(dataDir.resolve("royaltydesk.mv.db")).doesNotExist();
        assertThat(dataDir.resolve(UnopenableDatabase.NOTE)).exists();
    }

    @Test
    void afterSettingAside_everyStartRefusesUntilTheNoteIsRemoved_thenEmpty() throws Exception {
        unpackEvidence();
        assertThatThrownBy(this::start).isInstanceOf(IllegalStateException.class);

        // Not silently empty: the second start says the same thing and makes no database.
        assertThatThrownBy(this::start)
                .hasMessageContaining(setAside().get(0).toString())
                .hasMessageContaining(UnopenableDatabase.NOTE);
        assertThat(dataDir.resolve("royaltydesk.mv.db")).doesNotExist();

        Files.delete(dataDir.resolve(UnopenableDatabase.NOTE));
        try (PlatformServer server = start()) {
            assertThat(server.baseUrl()).startsWith("http://127.0.0.1:");
        }
        assertThat(setAside()).hasSize(1);
    }

    @Test
    void fileLockedByAnotherProcess_refusedButNeverMoved() throws Exception {
        assumeFalse(TestDatabase.onPostgres(), "another process holds the H2 file only on the H2 run");
        PlatformProcess other =
                PlatformProcess.start(dataDir, dataDir.resolve("..").resolve("other.txt"));
        try {
            assertThatThrownBy(this::start).isNotNull();

            assertThat(setAside()).isEmpty();
            assertThat(dataDir.resolve(UnopenableDatabase.NOTE)).doesNotExist();
            assertThat(dataDir.resolve("royaltydesk.mv.db")).exists();
        } finally {
            other.kill();
        }
    }
}
