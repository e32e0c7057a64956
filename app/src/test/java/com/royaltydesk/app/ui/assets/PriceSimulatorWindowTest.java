package com.royaltydesk.app.ui.assets;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.app.App;
import com.royaltydesk.app.AppSettings;
import com.royaltydesk.app.api.Asset;
import com.royaltydesk.app.testutil.AnsweringDialogs;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The price simulator against the real embedded platform and its year of demo history. */
class PriceSimulatorWindowTest extends FxRobot {

    @TempDir
    Path dir;

    private App app;

    @AfterEach
    void close() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
    }

    @Test
    void doubleTheRate_everyMonthWouldHaveEarnedTwice_andABadRateIsSaidBeforeAsking() throws Exception {
        FxToolkit.registerPrimaryStage();
        app = (App)
                FxToolkit.setupApplication(() -> new App(new AppSettings(dir, false, true), new AnsweringDialogs()));
        StatusBar status = lookup("#status-bar").queryAs(StatusBar.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> status.getText().startsWith("Platform healthy"));

        clickOn("Price simulator");
        @SuppressWarnings("unchecked")
        ComboBox<Asset> asset = lookup("#simulate-asset").queryAs(ComboBox.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> asset.getItems().size() == 4);
        interact(() -> asset.setValue(asset.getItems().stream()
                .filter(a -> a.assetId().equals("ds_sandbox_demo"))
                .findFirst()
                .orElseThrow()));
        assertThat(lookup("#simulate-in-force").queryAs(Label.class).getText()).contains("0.0001 USD per token");

        clickOn("#simulate-rate").write("0,0002x");
        clickOn("#simulate-price");
        Label message = lookup("#simulate-message").queryAs(Label.class);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(message.getText()).startsWith("Check the candidate price").contains("Not a number");

        interact(() -> lookup("#simulate-rate").queryTextInputControl().setText("0.0002"));
        interact(() -> lookup("#simulate-months")
                .queryAs(Spinner.class)
                .getValueFactory()
                .setValue(13));
        clickOn("#simulate-price");
        TableView<?> months = lookup("#simulate-months-table").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> months.getItems().size() == 13);
        long settled = 0;
        for (Object item : months.getItems()) {
            PriceSimulatorViewModel.Row row = (PriceSimulatorViewModel.Row) item;
            assertThat(row.simulated())
                    .as(row.month())
                    .isEqualByComparingTo(row.actual().multiply(BigDecimal.valueOf(2)));
            settled += row.state().equals("settled") ? 1 : 0;
        }
        assertThat(settled).isEqualTo(11);
        assertThat(lookup("#simulate-totals").queryAs(Label.class).getText())
                .startsWith("Over 13 months: earned")
                .contains("it would have earned");
    }
}
