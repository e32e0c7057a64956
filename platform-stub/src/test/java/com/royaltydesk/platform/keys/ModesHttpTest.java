package com.royaltydesk.platform.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.royaltydesk.platform.journal.RowChanges;
import com.royaltydesk.platform.testutil.RunningPlatform;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sandbox and live never mix (decision 0016): keys of the other mode refused, a sandbox's database never goes live. */
class ModesHttpTest {

    @TempDir
    Path dataDir;

    @Test
    void keyOfTheOtherMode_refusedEvenWhenTheDatabaseKnowsItsHash() throws Exception {
        try (RunningPlatform platform = RunningPlatform.start(dataDir)) {
            String liveStyle = "rdk_live_platform_" + "x".repeat(43);
            // Behind the API's back (no API makes such a key): no journal is to carry it.
            try (var setUp = RowChanges.unjournaled();
                    var connection = platform.openDatabaseConnection();
                    var insert = connection.prepareStatement(
                            "INSERT INTO api_keys (key_id, key_hash, key_prefix, role,"
                                    + " creator_id, created_at) VALUES ('key_livestyle', ?, 'rdk_live_platform_', 'platform', NULL, ?)")) {
                insert.setString(1, ApiKeyService.hash(liveStyle));
                insert.setTimestamp(2, Timestamp.from(Instant.now()));
                insert.executeUpdate();
            }

            assertThat(platform.json("POST", "/v1/hosts", liveStyle, "{\"models\":[\"m\"]}")
                            .statusCode())
                    .isEqualTo(401);
            assertThat(platform.json("POST", "/v1/hosts", platform.platformKey(), "{\"models\":[\"m\"]}")
                            .statusCode())
                    .isEqualTo(201);
        }
    }

    @Test
    void sandboxDatabase_startedLive_refusedWithAClearMessage() {
        RunningPlatform.start(dataDir, true).close();

        assertThatThrownBy(() -> RunningPlatform.start(dataDir, false)).hasStackTraceContaining("belongs to a sandbox");
    }
}
