package com.royaltydesk.app.testutil;

import com.royaltydesk.app.App;
import com.royaltydesk.app.AppSettings;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.AfterEach;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A window test on the real app whose bundled sandbox starts with its year of demo history, as a
 * user's first start does: started, waited for until healthy, and closed after each test.
 */
public abstract class SandboxWithHistoryWindowTest extends FxThreadRobot {

    private App app;

    /** Starts the app on {@code dataDir} (a new sandbox, so it makes its history) and waits for health. */
    protected void launchWithHistory(Path dataDir, AnsweringDialogs dialogs) throws Exception {
        FxToolkit.registerPrimaryStage();
        app = (App) FxToolkit.setupApplication(() -> new App(new AppSettings(dataDir, false, true), dialogs));
        StatusBar status = lookup("#status-bar").queryAs(StatusBar.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> status.getText().startsWith("Platform healthy"));
    }

    /** The first node the query matches, as {@code type}; found on the FX thread like every lookup here. */
    protected <T extends javafx.scene.Node> T find(String query, Class<T> type) {
        return lookup(query).queryAs(type);
    }

    @AfterEach
    void closeApp() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
    }
}
