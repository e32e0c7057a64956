package com.royaltydesk.app.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.app.App;
import com.royaltydesk.app.AppSettings;
import com.royaltydesk.app.api.PlatformClient;
import com.royaltydesk.app.api.WebhookEndpoint;
import com.royaltydesk.app.testutil.AnsweringDialogs;
import com.royaltydesk.app.testutil.AssetRegistrations;
import com.royaltydesk.app.testutil.FxThreadRobot;
import com.royaltydesk.app.testutil.SandboxCalls;
import com.royaltydesk.app.ui.assets.AssetsViewModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.web.WebView;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The whole app, started as a user starts it, with its embedded platform on a free port. */
class MainWindowTest extends FxThreadRobot {

    @TempDir
    Path dataDir;

    private App app;

    /** What the native file dialogs answer in these tests. */
    private final AnsweringDialogs dialogs = new AnsweringDialogs();

    private void launch(Path appDataDir) throws Exception {
        FxToolkit.registerPrimaryStage();
        app = (App) FxToolkit.setupApplication(() -> new App(new AppSettings(appDataDir), dialogs));
    }

    private void awaitHealthy() throws Exception {
        StatusBar statusBar = lookup("#status-bar").queryAs(StatusBar.class);
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> statusBar.getText().startsWith("Platform healthy"));
    }

    @AfterEach
    void close() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
    }

    @Test
    void start_embeddedPlatform_statusBarReportsHealthyWithLoopbackUrl() throws Exception {
        launch(dataDir);

        StatusBar statusBar = lookup("#status-bar").queryAs(StatusBar.class);
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> statusBar.getText().startsWith("Platform healthy"));

        String url = lookup("#platform-url").queryAs(Label.class).getText();
        assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(Files.exists(dataDir.resolve("platform").resolve("royaltydesk.mv.db")))
                .isTrue();
    }

    @Test
    void sidebar_everySection_listedAndClickShowsItsPage() throws Exception {
        launch(dataDir);

        ListView<?> sidebar = lookup("#sidebar").queryAs(ListView.class);
        assertThat(sidebar.getItems())
                .extracting(Object::toString)
                .containsExactly(
                        "Get started",
                        "Assets",
                        "Receipts",
                        "Earnings",
                        "Price simulator",
                        "Demos",
                        "Webhooks",
                        "Settings");
        assertThat(lookup("#page-get_started").tryQuery())
                .as("a first run opens on Get started")
                .isPresent();

        clickOn("Receipts");

        Node page = lookup("#page-receipts").query();
        assertThat(page.isVisible()).isTrue();
        assertThat(lookup("#page-get_started").tryQuery()).isEmpty();
    }

    @Test
    void receipts_recordedReceipt_listedAndBadgeSaysVerifiedSandbox() throws Exception {
        launch(dataDir);
        StatusBar statusBar = lookup("#status-bar").queryAs(StatusBar.class);
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> statusBar.getText().startsWith("Platform healthy"));
        String baseUrl = lookup("#platform-url").queryAs(Label.class).getText();
        String receiptId = SandboxCalls.recordReceipt(baseUrl, dataDir.resolve("platform"), "window-model");

        clickOn("Receipts");
        clickOn("#refresh-receipts");
        TableView<?> table = lookup("#receipts-table").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() == 1);
        clickOn(receiptId);
        Label badge = lookup("#verification-badge").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> badge.getText().startsWith("Verified — sandbox receipt"));

        assertThat(badge.getStyleClass()).contains("badge-sandbox");
        assertThat(lookup("#verification-key").queryAs(Label.class).getText()).contains("this app's own sandbox");
        assertThat(lookup("#verification-subject").queryAs(Label.class).getText())
                .contains(receiptId);
        assertThat(lookup("#export-bundle").queryButton().isDisabled()).isFalse();
    }

    @Test
    void demos_verifyPageInTheWebView_checkedByTheAppsVerifierAndSaysSandbox() throws Exception {
        launch(dataDir);
        StatusBar statusBar = lookup("#status-bar").queryAs(StatusBar.class);
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> statusBar.getText().startsWith("Platform healthy"));
        SandboxCalls.sandboxReceipt(lookup("#platform-url").queryAs(Label.class).getText());

        clickOn("Demos");
        WebView web = lookup("#demo-web").queryAs(WebView.class);
        String verdict = "document.getElementById('result') ? document.getElementById('result').dataset.verdict : ''";
        awaitOrFail(
                40,
                () -> "SANDBOX".equals(script(web, verdict)),
                () -> "page " + script(web, "location.href") + " shows: "
                        + script(web, "document.body ? document.body.innerText : ''"));

        assertThat(script(web, "document.getElementById('verifier').textContent"))
                .contains("Royalty Desk app verifier");
        assertThat(script(web, "String(!!(window.crypto && window.crypto.subtle))"))
                .isEqualTo("false");
    }

    /** Runs JavaScript in the WebView on the FX thread. */
    private static String script(WebView web, String js) throws Exception {
        return String.valueOf(WaitForAsyncUtils.asyncFx(() -> web.getEngine().executeScript(js))
                .get());
    }

    @Test
    void settings_chooseDarkTheme_windowTurnsDarkAndStaysDarkAfterRestart() throws Exception {
        launch(dataDir);
        StatusBar statusBar = lookup("#status-bar").queryAs(StatusBar.class);
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> statusBar.getText().startsWith("Platform healthy"));
        clickOn("Settings");
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> lookup("#settings-identity")
                        .queryAs(Label.class)
                        .getText()
                        .startsWith("creator_"));
        assertThat(lookup("#settings-connection").queryAs(Label.class).getText())
                .contains(lookup("#platform-url").queryAs(Label.class).getText());

        clickOn("#theme-dark");

        assertThat(lookup("#page-settings").query().getScene().getRoot().getStyleClass())
                .contains("dark");
        Path saved = dataDir.resolve("settings.properties");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.exists(saved));
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();

        launch(dataDir);
        assertThat(lookup("#sidebar").query().getScene().getRoot().getStyleClass())
                .contains("dark");
    }

    @Test
    void assets_registerAFile_hashedUploadedAndListedWithItsHash() throws Exception {
        byte[] content = "annotated street images, 2026 edition".getBytes(StandardCharsets.UTF_8);
        dialogs.fileToRegister = Files.write(dataDir.resolve("street-images.tar"), content);
        String sha256 = "sha256:"
                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        launch(dataDir.resolve("app"));
        awaitHealthy();
        clickOn("Assets");
        TableView<?> table = lookup("#assets-table").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() == 1); // the demo dataset

        clickOn("#open-register-asset");
        clickOn("#choose-file");
        Button register = lookup("#register-asset-button").queryButton();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !register.isDisabled());
        assertThat(lookup("#hash-summary").queryAs(Label.class).getText()).startsWith(sha256);
        doubleClickOn("#asset-name").eraseText(40).write("Street images 2026");
        clickOn("#price-rate").eraseText(10).write("abc");
        assertThat(lookup("#error-rate").queryAs(Label.class).getText()).contains("Not a number");
        assertThat(register.isDisabled()).isTrue();
        clickOn("#price-rate").eraseText(10).write("0.0002");
        clickOn("#register-asset-button");

        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() == 2);
        assertThat(lookup("#register-status").queryAs(Label.class).getText())
                .contains("Registered “Street images 2026”");
        AssetsViewModel.Row row = table.getItems().stream()
                .map(AssetsViewModel.Row.class::cast)
                .filter(r -> r.name().equals("Street images 2026"))
                .findFirst()
                .orElseThrow();
        assertThat(row.sha256()).isEqualTo(sha256);
        assertThat(row.status()).isEqualTo("Content checked");
        assertThat(row.priceModel()).isEqualTo("0.0002 USD per token");
    }

    @Test
    void assets_registeredButNeverUploaded_uploadButtonInTheRowUploadsIt() throws Exception {
        byte[] content = "a novel in three parts".getBytes(StandardCharsets.UTF_8);
        dialogs.fileToRegister = Files.write(dataDir.resolve("novel.txt"), content);
        launch(dataDir.resolve("app"));
        awaitHealthy();
        String baseUrl = lookup("#platform-url").queryAs(Label.class).getText();
        // Registered by an earlier run whose upload never arrived (the app was closed, say).
        try (PlatformClient creator = PlatformClient.connect(
                baseUrl, SandboxCalls.creatorKey(dataDir.resolve("app").resolve("platform")))) {
            creator.registerAsset(AssetRegistrations.perUse("Novel", content));
        }
        clickOn("Assets");
        TableView<?> table = lookup("#assets-table").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() == 2);
        int index = rowIndex(table, "Novel");
        assertThat(((AssetsViewModel.Row) table.getItems().get(index)).status()).isEqualTo("Not uploaded");

        clickOn("#upload-again-" + index);

        WaitForAsyncUtils.waitFor(
                20,
                TimeUnit.SECONDS,
                () -> ((AssetsViewModel.Row) table.getItems().get(rowIndex(table, "Novel")))
                        .status()
                        .equals("Content checked"));
        assertThat(lookup("#assets-message").queryAs(Label.class).getText())
                .startsWith("Uploaded the content of “Novel”");
        WaitForAsyncUtils.waitForFxEvents(); // the cells redraw on the next pulse
        // No visible Upload… for that row any more (a cell makes the button only when a row needs it).
        assertThat(lookup("#upload-again-" + rowIndex(table, "Novel"))
                        .tryQuery()
                        .filter(Node::isVisible))
                .isEmpty();
    }

    private static int rowIndex(TableView<?> table, String name) {
        for (int i = 0; i < table.getItems().size(); i++) {
            if (((AssetsViewModel.Row) table.getItems().get(i)).name().equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no row named " + name);
    }

    @Test
    void getStarted_signUpSeeKycThenGoRegisterAnAsset() throws Exception {
        launch(dataDir.resolve("app"));
        awaitHealthy();
        Label identity = lookup("#account-identity").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> identity.getText().contains("demo creator"));

        clickOn("#sign-up-name").write("Ada Studio");
        clickOn("#sign-up");

        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> identity.getText().startsWith("Ada Studio (creator_"));
        assertThat(lookup("#account-kyc").queryAs(Label.class).getText()).startsWith("Verified");
        assertThat(lookup("#sign-up-box").query().isVisible())
                .as("sign-up is done")
                .isFalse();
        assertThat(Files.exists(dataDir.resolve("app").resolve("account.json"))).isTrue();
        clickOn("#get-started-register");
        assertThat(lookup("#page-assets").tryQuery()).isPresent();
        assertThat(lookup("#choose-file").tryQuery())
                .as("the registration form is open")
                .isPresent();
    }

    @Test
    void webhooks_addEndpoint_listedWithItsSecretShownOnce() throws Exception {
        launch(dataDir);
        awaitHealthy();
        clickOn("Webhooks");

        clickOn("#webhook-url").write("http://127.0.0.1:9/hooks");
        clickOn("#webhook-type-payout-paid");
        clickOn("#add-webhook");

        TableView<?> endpoints = lookup("#webhook-endpoints").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(
                20, TimeUnit.SECONDS, () -> endpoints.getItems().size() == 1);
        assertThat(lookup("#webhook-secret").queryAs(TextField.class).getText()).startsWith("whsec_");
        assertThat(((WebhookEndpoint) endpoints.getItems().get(0)).eventTypes())
                .containsExactly("receipt.issued", "payout.paid");
        // The row's cell is laid out a pulse after the item arrives; on a busy machine, later.
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> lookup("http://127.0.0.1:9/hooks").tryQuery().isPresent());
        clickOn("http://127.0.0.1:9/hooks");
        assertThat(lookup("#delete-webhook").queryButton().isDisabled()).isFalse();
    }

    @Test
    void settings_remoteSignInWithAWrongKey_errorNotificationInPlainWordsAndStillSignedIn() throws Exception {
        launch(dataDir);
        awaitHealthy();
        String url = lookup("#platform-url").queryAs(Label.class).getText();
        clickOn("Settings");

        clickOn("#remote-url").write(url);
        clickOn("#remote-key").write("rdk_test_creator_wrong");
        clickOn("#remote-sign-in");

        WaitForAsyncUtils.waitFor(
                20,
                TimeUnit.SECONDS,
                () -> lookup(".notification-bar").tryQuery().isPresent());
        assertThat(lookup(".notification-bar .title").queryAs(Label.class).getText())
                .isEqualTo("The platform said no");
        assertThat(lookup("#account-message").queryAs(Label.class).getText()).containsIgnoringCase("key");
        assertThat(lookup("#settings-identity").queryAs(Label.class).getText()).startsWith("creator_42");
    }

    @Test
    void sidebar_arrowKeys_moveBetweenPages() throws Exception {
        launch(dataDir);
        clickOn("Assets");

        type(KeyCode.DOWN, 2);

        assertThat(lookup("#page-earnings").tryQuery()).isPresent();
    }

    @Test
    void keyboard_pageShortcuts_F5Reloads_formMnemonicsTabOrderAndEscape() throws Exception {
        launch(dataDir.resolve("app"));
        awaitHealthy();

        press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        assertThat(lookup("#page-receipts").tryQuery()).isPresent();
        press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
        TableView<?> table = lookup("#assets-table").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() == 1);

        // Registered behind the app's back; F5 brings it in.
        String baseUrl = lookup("#platform-url").queryAs(Label.class).getText();
        try (PlatformClient creator = PlatformClient.connect(
                baseUrl, SandboxCalls.creatorKey(dataDir.resolve("app").resolve("platform")))) {
            creator.registerAsset(AssetRegistrations.perUse("Registered elsewhere", "made elsewhere".getBytes()));
        }
        type(KeyCode.F5);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() == 2);

        clickOn("#open-register-asset");
        assertThat(focusedId()).isEqualTo("choose-file");
        press(KeyCode.ALT, KeyCode.N).release(KeyCode.N, KeyCode.ALT);
        assertThat(focusedId()).isEqualTo("asset-name");
        type(KeyCode.TAB);
        assertThat(focusedId()).isEqualTo("asset-license");
        type(KeyCode.TAB);
        assertThat(focusedId()).isEqualTo("price-type");
        type(KeyCode.TAB);
        assertThat(focusedId()).isEqualTo("price-rate");
        type(KeyCode.TAB);
        assertThat(focusedId()).isEqualTo("price-currency");

        type(KeyCode.ESCAPE);
        assertThat(lookup("#register-asset-button").tryQuery()).isEmpty();
        assertThat(focusedId()).isEqualTo("open-register-asset");
    }

    /** The id of the focused node, or of the nearest parent with one (an editable box's text field). */
    private String focusedId() {
        WaitForAsyncUtils.waitForFxEvents();
        Node node = lookup("#sidebar").query().getScene().getFocusOwner();
        while (node != null && node.getId() == null) {
            node = node.getParent();
        }
        return node == null ? null : node.getId();
    }

    @Test
    void start_dataDirIsAFile_statusBarSaysWhyPlatformCouldNotStart() throws Exception {
        Path notAFolder = Files.writeString(dataDir.resolve("occupied"), "a file, not a folder");
        launch(notAFolder);

        StatusBar statusBar = lookup("#status-bar").queryAs(StatusBar.class);
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> statusBar.getText().contains("could not start"));

        assertThat(lookup("#platform-url").queryAs(Label.class).getText()).isEqualTo("no platform yet");
    }
}
