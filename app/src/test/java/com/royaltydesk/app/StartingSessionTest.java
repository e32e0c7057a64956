package com.royaltydesk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.royaltydesk.app.account.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first session is prepared on a thread of its own; the app collects it, or what went wrong. */
class StartingSessionTest {

    @TempDir
    Path dataDir;

    @Test
    void await_freshDataDir_embeddedPlatformStartedAndDemoCreatorSignedIn() throws Exception {
        StartingSession starting = StartingSession.begin(new AppSettings(dataDir));
        try {
            Session session = starting.await();

            assertThat(session.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+");
            assertThat(session.demoCreator()).isTrue();
            assertThat(session.creatorKey()).isNotBlank();
            assertThat(starting.settings().dataDir()).isEqualTo(dataDir);
            assertThat(Files.exists(dataDir.resolve("platform").resolve("royaltydesk.mv.db")))
                    .isTrue();
        } finally {
            starting.sessions().close();
        }
    }

    @Test
    void await_platformCannotStart_throwsWhatStartingThrew() throws Exception {
        Files.writeString(dataDir.resolve("platform"), "a file where the platform's folder belongs");
        StartingSession starting = StartingSession.begin(new AppSettings(dataDir));
        try {
            assertThatThrownBy(starting::await).hasMessageContaining("cannot create data dir");
        } finally {
            starting.sessions().close();
        }
    }
}
