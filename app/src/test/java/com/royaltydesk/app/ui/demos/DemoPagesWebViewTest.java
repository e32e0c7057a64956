package com.royaltydesk.app.ui.demos;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.app.verify.PageVerifier;
import com.royaltydesk.verify.testsupport.Forger;
import com.royaltydesk.verify.testsupport.StaticSite;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.concurrent.Worker;
import javafx.scene.Scene;
import javafx.scene.web.WebView;
import javafx.stage.Stage;
import netscape.javascript.JSObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The offline bundle page inside a real JavaFX WebView — no Web Crypto there, so the app's {@link
 * PageVerifier} does the cryptography — from an exported folder with its trust root: the genuine
 * bundle verifies, every forgery that needs no memory is refused.
 */
class DemoPagesWebViewTest {

    private static final Path DEMOS = Path.of("../demos").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private final PageVerifier verifier = new PageVerifier(); // held: WebView keeps weak references
    private WebView web;

    @BeforeEach
    void stage() throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            web = new WebView();
            web.getEngine().getLoadWorker().stateProperty().addListener((obs, old, state) -> {
                if (state == Worker.State.SUCCEEDED) {
                    ((JSObject) web.getEngine().executeScript("window")).setMember("rdkVerifier", verifier);
                }
            });
            stage.setScene(new Scene(web, 800, 600));
            stage.show();
        });
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    static List<Forger.Forgery> cases() {
        List<Forger.Forgery> cases = new java.util.ArrayList<>(List.of(Forger.genuine()));
        Forger.all().stream().filter(f -> !f.needsState()).forEach(cases::add);
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void bundlePage_inTheWebView_verdictAsTheLibrarySays(Forger.Forgery forgery) throws Exception {
        try (StaticSite site = StaticSite.serve(dir.resolve("site"), DEMOS, forgery.trustRoot())) {
            String url = site.page("demo-bundle-verify.html", forgery.bundle());
            FxToolkit.setupFixture(() -> web.getEngine().load(url));
            String verdict =
                    "document.getElementById('result') ? (document.getElementById('result').dataset.verdict || '') : ''";
            try {
                WaitForAsyncUtils.waitFor(
                        30, TimeUnit.SECONDS, () -> !script(verdict).isEmpty());
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("page shows: " + script("document.body ? document.body.innerText : ''"), e);
            }

            assertThat(script(verdict))
                    .as(script("document.body.innerText"))
                    .isEqualTo(forgery.expected().name());
            assertThat(script("document.getElementById('verifier').textContent"))
                    .contains("Royalty Desk app verifier");
        }
    }

    private String script(String js) throws Exception {
        return String.valueOf(WaitForAsyncUtils.asyncFx(() -> web.getEngine().executeScript(js))
                .get());
    }
}
