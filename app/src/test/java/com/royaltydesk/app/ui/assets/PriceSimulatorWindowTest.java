package com.royaltydesk.app.ui.assets;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.app.api.Asset;
import com.royaltydesk.app.testutil.AnsweringDialogs;
import com.royaltydesk.app.testutil.SandboxWithHistoryWindowTest;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/** The price simulator against the real embedded platform and its year of demo history. */
class PriceSimulatorWindowTest extends SandboxWithHistoryWindowTest {

    @TempDir
    Path dir;

    @Test
    void doubleTheRate_everyMonthWouldHaveEarnedTwice_andABadRateIsSaidBeforeAsking() throws Exception {
        AnsweringDialogs dialogs = new AnsweringDialogs();
        launchWithHistory(dir, dialogs);

        clickOn("Price simulator");
        @SuppressWarnings("unchecked")
        ComboBox<Asset> asset = find("#simulate-asset", ComboBox.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> asset.getItems().size() == 4);
        interact(() -> asset.setValue(asset.getItems().stream()
                .filter(a -> a.assetId().equals("ds_sandbox_demo"))
                .findFirst()
                .orElseThrow()));
        // The demo raised this dataset's price in its tenth month: the label reads the platform's changes.
        Label inForce = find("#simulate-in-force", Label.class);
        WaitForAsyncUtils.waitFor(
                20, TimeUnit.SECONDS, () -> inForce.getText().equals("Price in force: 0.00012 USD per token"));

        clickOn("#simulate-rate").write("0,0002x");
        clickOn("#simulate-price");
        Label message = find("#simulate-message", Label.class);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(message.getText()).startsWith("Check the candidate price").contains("Not a number");

        interact(() -> lookup("#simulate-rate").queryTextInputControl().setText("0.0002"));
        interact(() -> lookup("#simulate-months")
                .queryAs(Spinner.class)
                .getValueFactory()
                .setValue(13));
        clickOn("#simulate-price");
        TableView<?> months = find("#simulate-months-table", TableView.class);
        Label totals = find("#simulate-totals", Label.class);
        // The rows and then the totals are set in one step on the FX thread; wait for the last of them.
        WaitForAsyncUtils.waitFor(
                20,
                TimeUnit.SECONDS,
                () -> months.getItems().size() == 13 && !totals.getText().isEmpty());
        long settled = 0;
        int month = 0;
        for (Object item : months.getItems()) {
            PriceSimulatorViewModel.Row row = (PriceSimulatorViewModel.Row) item;
            long tokens = Long.parseLong(row.tokens().replaceAll("[^0-9]", ""));
            // Worked by hand: the candidate's rate on every token the month used.
            assertThat(row.simulated())
                    .as(row.month())
                    .isEqualByComparingTo(new BigDecimal("0.0002").multiply(BigDecimal.valueOf(tokens)));
            if (month < 9) { // before the demo's price change, 0.0001 was in force: twice it, exactly
                assertThat(row.simulated()).isEqualByComparingTo(row.actual().multiply(BigDecimal.valueOf(2)));
            }
            settled += row.state().equals("settled") ? 1 : 0;
            month++;
        }
        assertThat(settled).isEqualTo(11);
        assertThat(totals.getText()).startsWith("Over 13 months: earned").contains("it would have earned");

        // Apply it from next month: asked first; then the platform holds it as a change to come.
        String next =
                java.time.YearMonth.now(java.time.ZoneOffset.UTC).plusMonths(1).toString();
        dialogs.confirm = true;
        clickOn("#simulate-apply");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> message.getText().startsWith("From " + next));
        WaitForAsyncUtils.waitFor(
                20,
                TimeUnit.SECONDS,
                () -> inForce.getText()
                        .equals("Price in force: 0.00012 USD per token; from " + next + ": 0.0002 USD per token"));
    }
}
