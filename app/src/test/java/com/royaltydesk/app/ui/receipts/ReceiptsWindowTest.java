package com.royaltydesk.app.ui.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.app.App;
import com.royaltydesk.app.AppSettings;
import com.royaltydesk.app.account.Account;
import com.royaltydesk.app.account.AccountStore;
import com.royaltydesk.app.testutil.AnsweringDialogs;
import com.royaltydesk.app.testutil.FxThreadRobot;
import com.royaltydesk.app.testutil.SandboxCalls;
import com.royaltydesk.app.verify.TrustStore;
import com.royaltydesk.verify.ReceiptStatus;
import com.royaltydesk.verify.testsupport.Forger;
import com.royaltydesk.verify.trust.TrustRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The legal reviewer's path through the window: export a bundle, then check it with no platform. */
class ReceiptsWindowTest extends FxThreadRobot {

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
    void exportedBundle_untrustedUntilTheReviewerTrustsThePlatform_thenSandbox_andATamperedCopyRejected()
            throws Exception {
        Path creatorDir = dir.resolve("creator");
        launch(creatorDir);
        StatusBar status = lookup("#status-bar").queryAs(StatusBar.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> status.getText().startsWith("Platform healthy"));
        String baseUrl = lookup("#platform-url").queryAs(Label.class).getText();
        SandboxCalls.recordReceipt(baseUrl, creatorDir.resolve("platform"), "reviewed-model");
        Path root = dir.resolve("platform-trust-root.json");
        Files.writeString(root, SandboxCalls.get(baseUrl, "/.well-known/rdk-trust-root.json"));
        clickOn("Receipts");
        TableView<?> table = lookup("#receipts-table").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !table.getItems().isEmpty());
        // The row's signature cell turns from "checking…" to the state checked in the background —
        // and, in the app's own sandbox, says sandbox there too, not a plain "verified".
        WaitForAsyncUtils.waitFor(
                20,
                TimeUnit.SECONDS,
                () -> lookup(".table-cell").queryAllAs(TableCell.class).stream()
                        .anyMatch(cell -> "✔ sandbox".equals(cell.getText())));
        selectFirstRowUntilTheBadgeSays(Badges.sandboxVerified());
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
        openBundle(bundle);
        assertThat(badge().getText()).isEqualTo(Badges.text(ReceiptStatus.UNTRUSTED_SIGNER));

        // Settings → Trusted platforms: the root's keys are shown, and nothing is trusted until "yes".
        clickOn("Settings");
        dialogs.trustRootToOpen = root;
        clickOn("#import-trust-root");
        TextArea question = lookup("#trust-question").queryAs(TextArea.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> question.getText().startsWith("Trust this platform?"));
        assertThat(question.getText())
                .contains("thumbprint")
                .contains("sandbox")
                .contains("SHA-256");
        clickOn("#trust-yes");
        ListView<?> trusted = lookup("#trusted-list").queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> trusted.getItems().size() == 1);

        clickOn("Receipts");
        openBundle(bundle);
        assertThat(badge().getText()).isEqualTo(Badges.text(ReceiptStatus.SANDBOX));

        Path tampered = dir.resolve("tampered.bundle.json");
        Files.writeString(tampered, Files.readString(bundle).replaceFirst("\"log_index\":\\d+", "\"log_index\":77"));
        openBundle(tampered);
        WaitForAsyncUtils.waitFor(
                20, TimeUnit.SECONDS, () -> badge().getStyleClass().contains("badge-invalid"));
        assertThat(badge().getText()).isEqualTo(Badges.text(ReceiptStatus.NOT_IN_LOG));
    }

    @Test
    void openBundle_everyForgery_refusedInTheWindowWithItsVerdict() throws Exception {
        Path reviewerDir = dir.resolve("reviewer");
        new AccountStore(reviewerDir).save(new Account("http://127.0.0.1:9", "creator_42", "rdk_test_creator_none"));
        TrustStore store = new TrustStore(reviewerDir, Clock.systemUTC());
        List<Forger.Forgery> forgeries =
                Forger.all().stream().filter(f -> !f.rootTampered()).toList();
        for (Forger.Forgery forgery : forgeries) {
            store.add(TrustRoot.parse(forgery.trustRoot(), forgery.name()), false);
        }
        Forger.Forgery genuine = Forger.genuine();
        store.add(TrustRoot.parse(genuine.trustRoot(), "genuine"), false);
        launch(reviewerDir);

        openBundle(write("genuine.json", genuine.bundle()));
        assertThat(badge().getText()).isEqualTo(Badges.text(ReceiptStatus.VERIFIED));
        assertThat(lookup("#verification-key").queryAs(Label.class).getText())
                .contains("genuine")
                .contains("live");
        int n = 0;
        for (Forger.Forgery forgery : forgeries) {
            for (String seen : forgery.seenFirst()) {
                openBundle(write("seen" + n++ + ".json", seen));
                assertThat(badge().getText()).isEqualTo(Badges.text(ReceiptStatus.VERIFIED));
            }
            openBundle(write("forged" + n++ + ".json", forgery.bundle()));
            assertThat(badge().getText()).as(forgery.name()).isEqualTo(Badges.text(forgery.expected()));
        }
    }

    /**
     * Selects the first row until its check is shown: a page reload that lands after the click
     * (opening the page reloads it) replaces the rows and drops the selection, so click again.
     */
    private void selectFirstRowUntilTheBadgeSays(String verdict) throws Exception {
        for (int attempt = 0; attempt < 4; attempt++) {
            clickOn(lookup(".table-row-cell").nth(0).queryAs(javafx.scene.Node.class));
            try {
                WaitForAsyncUtils.waitFor(
                        8, TimeUnit.SECONDS, () -> badge().getText().equals(verdict));
                return;
            } catch (java.util.concurrent.TimeoutException e) {
                // selection lost to a reload, or still checking: try again
            }
        }
        assertThat(badge().getText()).isEqualTo(verdict);
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    /** "Open bundle…" with {@code file} answered, waiting until that file's verdict is shown. */
    private void openBundle(Path file) throws Exception {
        clickOn("Receipts");
        dialogs.bundleToOpen = file;
        clickOn("#open-bundle");
        awaitSubject("Bundle " + file.getFileName());
    }
}
