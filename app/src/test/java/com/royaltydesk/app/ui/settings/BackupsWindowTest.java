package com.royaltydesk.app.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.app.App;
import com.royaltydesk.app.AppSettings;
import com.royaltydesk.app.testutil.AnsweringDialogs;
import com.royaltydesk.app.testutil.FxThreadRobot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Settings → Backups in the real window, and what the window says when the database cannot be opened. */
class BackupsWindowTest extends FxThreadRobot {

    @TempDir
    Path dataDir;

    private App app;
    private final AnsweringDialogs dialogs = new AnsweringDialogs();

    private void launch() throws Exception {
        FxToolkit.registerPrimaryStage();
        app = (App) FxToolkit.setupApplication(() -> new App(new AppSettings(dataDir), dialogs));
    }

    @AfterEach
    void close() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
    }

    private String statusText() {
        return lookup("#status-bar").queryAs(StatusBar.class).getText();
    }

    /** Settings scrolls; its last section, Backups, is below the fold of the test window. */
    private void openSettingsAtBackups() {
        clickOn("Settings");
        interact(() -> lookup("#page-settings")
                .queryAs(javafx.scene.control.ScrollPane.class)
                .setVvalue(1.0));
    }

    private String backupMessage() {
        return lookup("#backup-message").queryAs(Label.class).getText();
    }

    @Test
    void backUpNow_thenChooseItForRestore_theWindowSaysWhereAndWhen() throws Exception {
        launch();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> statusText().startsWith("Platform healthy"));
        openSettingsAtBackups();

        clickOn("#backup-now");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> backupMessage().startsWith("Backup written to"));

        Path backups = dataDir.resolve("platform").resolve("backups");
        try (var files = Files.list(backups)) {
            Path written = files.filter(f -> f.getFileName().toString().startsWith("royaltydesk-backup-"))
                    .findFirst()
                    .orElseThrow();
            assertThat(backupMessage()).contains(written.toString());
            dialogs.backupToRestore = written;
        }
        clickOn("#backup-restore");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> backupMessage().startsWith("Chosen: "));
        assertThat(backupMessage()).contains("Close and open Royalty Desk to restore it");
        assertThat(dataDir.resolve("platform").resolve("restore-pending.txt")).exists();
    }

    @Test
    void damagedDatabase_statusBarSaysSoInWords_andNamesWhereTheFileWent() throws Exception {
        Path platformDir = dataDir.resolve("platform");
        Files.createDirectories(platformDir);
        // Not an H2 file at all: what a disk that lost its blocks leaves behind.
        Files.write(platformDir.resolve("royaltydesk.mv.db"), new byte[64 * 1024]);
        launch();

        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> statusText().startsWith("The embedded platform could not start"));

        assertThat(statusText()).contains("could not be opened");
        // The status bar cuts a long message off; the banner above the page carries all of it.
        Label banner = lookup("#platform-failure").queryAs(Label.class);
        assertThat(banner.isVisible()).isTrue();
        assertThat(banner.getText())
                .contains("royaltydesk.mv.db.unopenable-")
                .contains("restore a backup")
                .contains("DATABASE-MOVED-ASIDE.txt");
        openSettingsAtBackups();
        assertThat(lookup("#backup-restore").queryButton().isDisabled())
                .as("a restore can be chosen exactly when the platform could not start")
                .isFalse();
    }

    @Test
    void damagedDatabaseWithABackup_rebuilt_theWindowSaysWhatWasPutBackUntilDismissed() throws Exception {
        Path platformDir = dataDir.resolve("platform");
        try (var platform = com.royaltydesk.platform.PlatformServer.start(
                com.royaltydesk.platform.PlatformConfig.embedded(platformDir))) {
            platform.backup(platformDir.resolve("backups"));
        }
        Files.write(platformDir.resolve("royaltydesk.mv.db"), new byte[64 * 1024]);
        launch();

        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> statusText().startsWith("Platform healthy"));
        Label words = lookup("#platform-rebuilt").queryAs(Label.class);
        javafx.scene.Node banner = words.getParent();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, banner::isVisible);
        assertThat(words.getText())
                .contains("could not be used as it was")
                .contains("rebuilt from the backup of")
                .contains("royaltydesk.mv.db.unopenable-")
                .contains("other changes (assets, keys, settlements");
        assertThat(lookup("#platform-failure").queryAs(Label.class).isVisible()).isFalse();

        clickOn("#platform-rebuilt-dismiss");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(banner.isVisible()).isFalse();
    }
}
