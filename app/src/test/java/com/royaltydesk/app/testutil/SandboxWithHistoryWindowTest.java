package com.royaltydesk.app.testutil;

import com.royaltydesk.app.App;
import com.royaltydesk.app.AppSettings;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.AfterEach;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A window test on the real app whose bundled sandbox starts with its year of demo history, as a
 * user's first start does: started, waited for until healthy, and closed after each test.
 */
public abstract class SandboxWithHistoryWindowTest extends FxRobot {

    private App app;

    /** Starts the app on {@code dataDir} (a new sandbox, so it makes its history) and waits for health. */
    protected void launchWithHistory(Path dataDir, AnsweringDialogs dialogs) throws Exception {
        FxToolkit.registerPrimaryStage();
        app = (App) FxToolkit.setupApplication(() -> new App(new AppSettings(dataDir, false, true), dialogs));
        StatusBar status = lookup("#status-bar").queryAs(StatusBar.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> status.getText().startsWith("Platform healthy"));
    }

    /**
     * Looks a node up on the FX thread: a refresh that replaces nodes while a lookup walks the
     * scene from the test thread made one fail with an IndexOutOfBoundsException (CI, stop 26).
     */
    protected <T extends javafx.scene.Node> T find(String query, Class<T> type) throws Exception {
        return onFx(() -> lookup(query).queryAs(type));
    }

    /** Reads what the FX thread owns on the FX thread: a list a refresh replaces must not be iterated elsewhere. */
    protected static <T> T onFx(java.util.concurrent.Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get();
    }

    @AfterEach
    void closeApp() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
    }
}
