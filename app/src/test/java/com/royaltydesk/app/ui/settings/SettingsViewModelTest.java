package com.royaltydesk.app.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.app.account.Session;
import com.royaltydesk.app.account.Session.SandboxKeys;
import com.royaltydesk.app.concurrency.AppExecutors;
import com.royaltydesk.app.concurrency.BackgroundTasks;
import com.royaltydesk.app.testutil.QueueExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsViewModelTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dataDir;

    private final AppExecutors executors = new AppExecutors();
    private final QueueExecutor uiThread = new QueueExecutor();

    @AfterEach
    void close() {
        executors.close();
    }

    private SettingsViewModel open() {
        return new SettingsViewModel(new BackgroundTasks(executors.workers(), uiThread), dataDir);
    }

    @Test
    void theme_noSettingsFile_light() {
        assertThat(open().themeProperty().get()).isEqualTo(Theme.LIGHT);
    }

    @Test
    void theme_chosenDark_savedOwnerOnlyAndRestoredOnNextStart() throws Exception {
        SettingsViewModel first = open();

        first.themeProperty().set(Theme.DARK);
        uiThread.runNext(WAIT); // the first-run save
        uiThread.runNext(WAIT); // the dark one

        Path file = dataDir.resolve(SettingsViewModel.FILE);
        assertThat(Files.readString(file)).contains("theme=dark");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(first.saveProblemProperty().get()).isEmpty();
        assertThat(open().themeProperty().get()).isEqualTo(Theme.DARK);
    }

    @Test
    void firstRun_trueOnAFreshFolderAndFalseOnceTheAppHasStarted() throws Exception {
        assertThat(open().firstRun()).isTrue();
        uiThread.runNext(WAIT);

        assertThat(open().firstRun()).isFalse();
    }

    @Test
    void theme_twoQuickChanges_fileEndsWithTheLast() throws Exception {
        SettingsViewModel settings = open();
        settings.themeProperty().set(Theme.DARK);
        settings.themeProperty().set(Theme.LIGHT);
        settings.themeProperty().set(Theme.DARK);
        for (int i = 0; i < 4; i++) {
            uiThread.runNext(WAIT);
        }

        assertThat(Files.readString(dataDir.resolve(SettingsViewModel.FILE))).contains("theme=dark");
        assertThat(open().themeProperty().get()).isEqualTo(Theme.DARK);
    }

    @Test
    void connected_remotePlatform_saysRemote() {
        SettingsViewModel settings = open();

        settings.connected(new Session(
                "https://platform.example.com",
                "creator_7",
                "rdk_live_creator_x",
                dataDir.resolve("account.json"),
                null));

        assertThat(settings.connectionProperty().get()).isEqualTo("Remote platform at https://platform.example.com");
        assertThat(settings.signedInAsProperty().get()).startsWith("creator_7").contains("account.json");
    }

    @Test
    void theme_fileWithUnknownTheme_startsLight() throws Exception {
        Files.writeString(dataDir.resolve(SettingsViewModel.FILE), "theme=purple\n");

        assertThat(open().themeProperty().get()).isEqualTo(Theme.LIGHT);
    }

    @Test
    void theme_dataFolderNotWritable_themeKeptAndProblemShown() throws Exception {
        Path blocked = dataDir.resolve("blocked");
        Files.writeString(blocked, "a file where the data folder should be");
        SettingsViewModel settings = new SettingsViewModel(new BackgroundTasks(executors.workers(), uiThread), blocked);

        settings.themeProperty().set(Theme.DARK);
        uiThread.runNext(WAIT);

        assertThat(settings.themeProperty().get()).isEqualTo(Theme.DARK);
        assertThat(settings.saveProblemProperty().get()).startsWith("The theme applies now but could not be saved");
    }

    @Test
    void connected_embeddedPlatform_showsUrlCreatorAndKeyFile() {
        SettingsViewModel settings = open();
        Path credentials = dataDir.resolve("platform").resolve("sandbox-credentials.json");

        settings.connected(new Session(
                "http://127.0.0.1:4567", "creator_42", "rdk_test_creator_x", credentials, new SandboxKeys("p", "h")));

        assertThat(settings.connectionProperty().get())
                .contains("http://127.0.0.1:4567")
                .contains("offline");
        assertThat(settings.signedInAsProperty().get())
                .startsWith("creator_42")
                .contains(credentials.toAbsolutePath().toString());
    }
}
