package com.royaltydesk.app.ui.account;

import com.royaltydesk.app.App;
import com.royaltydesk.app.AppSettings;
import com.royaltydesk.app.testutil.AnsweringDialogs;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

class TmpShotTest extends FxRobot {
    @TempDir
    Path dir;

    @Test
    void shots() throws Exception {
        FxToolkit.registerPrimaryStage();
        App app = (App)
                FxToolkit.setupApplication(() -> new App(new AppSettings(dir, false, true), new AnsweringDialogs()));
        Stage stage = (Stage) Window.getWindows().get(0);
        interact(() -> {
            stage.setWidth(1440);
            stage.setHeight(900);
        });
        shot("starting");
        StatusBar status = lookup("#status-bar").queryAs(StatusBar.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> status.getText().startsWith("Platform healthy"));
        clickOn("Earnings");
        Thread.sleep(3000);
        shot("earnings");
        clickOn("#earnings-period");
        Thread.sleep(500);
        shot("earnings-period");
        type(javafx.scene.input.KeyCode.ESCAPE);
        clickOn("Receipts");
        Thread.sleep(3000);
        shot("receipts");
        clickOn("Get started");
        clickOn("#settle-last-month");
        Thread.sleep(3000);
        shot("settled");
        FxToolkit.cleanupApplication(app);
    }

    private void shot(String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage[] image = new WritableImage[1];
        interact(() -> image[0] = Window.getWindows().get(0).getScene().snapshot(null));
        int w = (int) image[0].getWidth(), h = (int) image[0].getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                out.setRGB(x, y, image[0].getPixelReader().getArgb(x, y));
        javax.imageio.ImageIO.write(out, "png", new java.io.File("/tmp/shots/" + name + ".png"));
    }
}
