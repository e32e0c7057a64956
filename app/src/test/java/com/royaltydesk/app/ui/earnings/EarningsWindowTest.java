package com.royaltydesk.app.ui.earnings;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.app.App;
import com.royaltydesk.app.AppSettings;
import com.royaltydesk.app.testutil.AnsweringDialogs;
import com.royaltydesk.app.testutil.FxThreadRobot;
import com.royaltydesk.app.testutil.SandboxCalls;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Usage arrives while the Earnings page is open: the chart and the billing preview move. */
class EarningsWindowTest extends FxThreadRobot {

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
    void usageIngested_chartAndBillingPreviewMove() throws Exception {
        FxToolkit.registerPrimaryStage();
        app = (App) FxToolkit.setupApplication(() -> new App(new AppSettings(dir), new AnsweringDialogs()));
        StatusBar status = lookup("#status-bar").queryAs(StatusBar.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> status.getText().startsWith("Platform healthy"));
        String baseUrl = lookup("#platform-url").queryAs(Label.class).getText();
        String receipt = SandboxCalls.recordReceipt(baseUrl, dir.resolve("platform"), "model-e");
        SandboxCalls.reportUsage(baseUrl, dir.resolve("platform"), "first", "model-e", 10_000, receipt);
        clickOn("Earnings");
        Label preview = lookup("#billing-preview").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> preview.getText().equals("$1.00"));
        double before = barTotal();

        SandboxCalls.reportUsage(baseUrl, dir.resolve("platform"), "second", "model-e", 5_000, receipt);
        type(KeyCode.F5);

        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> preview.getText().equals("$1.50"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(before).isPositive();
        assertThat(barTotal()).isGreaterThan(before);
    }

    /** The height of every bar in the chart, added up: what the user sees grow. */
    private double barTotal() {
        StackedBarChart<?, ?> chart = lookup("#earnings-chart").queryAs(StackedBarChart.class);
        double total = 0;
        for (XYChart.Series<?, ?> series : chart.getData()) {
            for (XYChart.Data<?, ?> bar : series.getData()) {
                total += ((Number) bar.getYValue()).doubleValue();
            }
        }
        return total;
    }
}
