package com.royaltydesk.app.ui.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.app.App;
import com.royaltydesk.app.AppSettings;
import com.royaltydesk.app.account.Account;
import com.royaltydesk.app.account.AccountStore;
import com.royaltydesk.app.testutil.AnsweringDialogs;
import com.royaltydesk.app.testutil.SandboxCalls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The legal reviewer's path through the window: export a bundle, then check it with no platform. */
class ReceiptsWindowTest extends FxRobot {

    @TempDir
    Path dir;

    private final AnsweringDialogs dialogs = new AnsweringDialogs();
    private App app;

    private void launch(Path appDataDir) throws Exception {
        FxToolkit.registerPrimaryStage();
        app = (App) FxToolkit.setupApplication(() -> new App(new AppSettings(appDataDir), dialogs));
    }

    private void closeApp() throws Exception {
        FxToolkit.cleanupApplication(app); // stops the embedded platform with it
        FxToolkit.cleanupStages();
        app = null;
    }

    @AfterEach
    void close() throws Exception {
        if (app != null) {
            closeApp();
        }
    }

    private Label badge() {
        return lookup("#verification-badge").queryAs(Label.class);
    }

    private void awaitSubject(String part) throws Exception {
        Label subject = lookup("#verification-subject").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> subject.getText().contains(part));
    }

    @Test
    void exportedBundle_verifiedInAWindowWithNoPlatformAtAll_andATamperedCopyRejected() throws Exception {
        Path creatorDir = dir.resolve("creator");
        launch(creatorDir);
        StatusBar status = lookup("#status-bar").queryAs(StatusBar.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> status.getText().startsWith("Platform healthy"));
        String baseUrl = lookup("#platform-url").queryAs(Label.class).getText();
        SandboxCalls.recordReceipt(baseUrl, creatorDir.resolve("platform"), "reviewed-model");
        clickOn("Receipts");
        TableView<?> table = lookup("#receipts-table").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !table.getItems().isEmpty());
        // The row's signature cell turns from "checking…" to the state checked in the background.
        WaitForAsyncUtils.waitFor(
                20,
                TimeUnit.SECONDS,
                () -> lookup(".table-cell").queryAllAs(TableCell.class).stream()
                        .anyMatch(cell -> "valid".equals(cell.getText())));
        clickOn(lookup(".table-row-cell").nth(0).queryAs(javafx.scene.Node.class));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> badge().getText().startsWith("Valid"));
        Path bundle = dir.resolve("receipt.bundle.json");
        dialogs.bundleToSave = bundle;
        clickOn("#export-bundle");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> Files.exists(bundle));
        closeApp();

        // The reviewer's window: signed in to a platform that does not answer; no embedded one starts.
        Path reviewerDir = dir.resolve("reviewer");
        new AccountStore(reviewerDir).save(new Account("http://127.0.0.1:9", "creator_42", "rdk_test_creator_none"));
        launch(reviewerDir);
        assertThat(Files.exists(reviewerDir.resolve("platform")))
                .as("no platform started")
                .isFalse();
        clickOn("Receipts");
        dialogs.bundleToOpen = bundle;
        clickOn("#open-bundle");
        awaitSubject("checked offline");

        assertThat(badge().getText()).startsWith("Valid");
        assertThat(badge().getStyleClass()).contains("badge-valid");

        Path tampered = dir.resolve("tampered.bundle.json");
        Files.writeString(tampered, Files.readString(bundle).replaceFirst("\"log_index\":\\d+", "\"log_index\":77"));
        dialogs.bundleToOpen = tampered;
        clickOn("#open-bundle");
        awaitSubject("tampered.bundle.json");
        WaitForAsyncUtils.waitFor(
                20, TimeUnit.SECONDS, () -> badge().getStyleClass().contains("badge-invalid"));

        assertThat(badge().getText()).isEqualTo("Not in log");
        assertThat(lookup("#verification-checks").tryQuery()).isPresent();
    }
}
