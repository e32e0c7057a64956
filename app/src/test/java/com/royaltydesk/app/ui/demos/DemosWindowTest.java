package com.royaltydesk.app.ui.demos;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.app.App;
import com.royaltydesk.app.AppSettings;
import com.royaltydesk.app.testutil.AnsweringDialogs;
import com.royaltydesk.app.testutil.FxThreadRobot;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ListView;
import javafx.scene.web.WebView;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Demos view as a stranger meets it, on the app's own sandbox in the real WebView: each page
 * opens on data it can read — the verify page on the creator's newest receipt (which the page
 * cannot fetch without the creator's key), the billing preview on the sandbox creator's numbers
 * without asking for a key — and the key is in no address the window shows.
 */
class DemosWindowTest extends FxThreadRobot {

    @TempDir
    Path dataDir;

    private App app;
    private final AnsweringDialogs dialogs = new AnsweringDialogs();

    @AfterEach
    void close() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
    }

    private String script(String js) throws Exception {
        WebView web = lookup("#demo-web").queryAs(WebView.class);
        return String.valueOf(WaitForAsyncUtils.asyncFx(() -> web.getEngine().executeScript(js))
                .get(5, TimeUnit.SECONDS));
    }

    private void open(String title) {
        @SuppressWarnings("unchecked")
        ListView<DemoPage> pages = lookup("#demo-pages").queryAs(ListView.class);
        interact(() -> pages.getSelectionModel()
                .select(DemoPage.ALL.stream()
                        .filter(p -> p.title().equals(title))
                        .findFirst()
                        .orElseThrow()));
    }

    @Test
    void verifyAndBillingPages_openOnTheCreatorsOwnData_noKeyTyped_noKeyShown() throws Exception {
        FxToolkit.registerPrimaryStage();
        app = (App) FxToolkit.setupApplication(() -> new App(new AppSettings(dataDir), dialogs));
        WaitForAsyncUtils.waitFor(
                30,
                TimeUnit.SECONDS,
                () -> lookup("#status-bar").queryAs(StatusBar.class).getText().startsWith("Platform healthy"));
        clickOn("Get started");
        clickOn("#simulate-training");
        Thread.sleep(1500);
        clickOn("#simulate-usage");
        Thread.sleep(1500);

        clickOn("Demos");
        open("Verify a receipt");
        WaitForAsyncUtils.waitFor(
                30,
                TimeUnit.SECONDS,
                () -> !script(
                                "document.getElementById('result') ? (document.getElementById('result').dataset.verdict || '') : ''")
                        .isEmpty());
        assertThat(script("document.getElementById('result').dataset.verdict"))
                .as("the creator's own receipt, read and checked by the page")
                .isIn("SANDBOX", "VERIFIED");

        open("Billing preview");
        WaitForAsyncUtils.waitFor(
                30,
                TimeUnit.SECONDS,
                () -> !script("document.getElementById('status').dataset.status || ''")
                        .isEmpty());
        assertThat(script("document.getElementById('status').dataset.status")).isEqualTo("ok");
        assertThat(script("document.getElementById('period').textContent")).contains("creator_42");
        String shown = lookup("#demo-address")
                .queryAs(javafx.scene.control.Label.class)
                .getText();
        assertThat(shown).endsWith("/demos/demo-billing-preview.html").doesNotContain("key=");
        open("Verify a receipt");
        assertThat(lookup("#demo-address")
                        .queryAs(javafx.scene.control.Label.class)
                        .getText())
                .contains("demo-verify.html?receipt=pt_")
                .doesNotContain("key=");

        // "Export demo folder…" asks which platform the hosted pages call, and they call it from a
        // folder (file://) as they would from a CDN — no ?api= in the address.
        String platform = lookup("#platform-url")
                .queryAs(javafx.scene.control.Label.class)
                .getText();
        Path exported = dataDir.resolve("exported demos");
        dialogs.folderChosen = exported;
        dialogs.address = platform + "/";
        clickOn("#export-demos");
        javafx.scene.control.Label said = lookup("#demo-message").queryAs(javafx.scene.control.Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> said.getText().startsWith("Export"));
        assertThat(said.getText()).startsWith("Exported 5 pages, set to call " + platform);
        assertThat(exported.resolve("trust-root.json")).exists();
        assertThat(java.nio.file.Files.readString(exported.resolve("demo-verify.html")))
                .contains("<meta name=\"rdk-api\" content=\"" + platform + "\">");
        WebView web = lookup("#demo-web").queryAs(WebView.class);
        interact(() ->
                web.getEngine().load(exported.resolve("index.html").toUri().toString()));
        WaitForAsyncUtils.waitFor(
                20,
                TimeUnit.SECONDS,
                () -> script("document.getElementById('api').textContent").equals(platform));
    }
}
