package com.royaltydesk.app.ui.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.app.App;
import com.royaltydesk.app.AppSettings;
import com.royaltydesk.app.api.Payouts;
import com.royaltydesk.app.testutil.AnsweringDialogs;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A sales engineer's first start (issue #16): the sandbox comes with a year of history — payouts
 * from eleven months, one failed — and "Settle last month" makes the twelfth appear.
 */
class DemoHistoryWindowTest extends FxRobot {

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
    void firstStart_aYearOfPayouts_thenSettleLastMonth_addsItsPayout() throws Exception {
        FxToolkit.registerPrimaryStage();
        app = (App)
                FxToolkit.setupApplication(() -> new App(new AppSettings(dir, false, true), new AnsweringDialogs()));
        StatusBar status = lookup("#status-bar").queryAs(StatusBar.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> status.getText().startsWith("Platform healthy"));

        clickOn("Earnings");
        TableView<?> payouts = lookup("#payouts").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> payouts.getItems().size() == 11);
        assertThat(payouts.getItems().stream().map(p -> ((Payouts.Payout) p).status()))
                .containsOnlyOnce("failed")
                .contains("paid");

        clickOn("Get started");
        clickOn("#settle-last-month");
        Label message = lookup("#get-started-message").queryAs(Label.class);
        YearMonth last = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> message.getText().startsWith("Settled " + last));
        assertThat(message.getText()).contains("Your payout:").contains("paid");

        clickOn("Earnings");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> payouts.getItems().size() == 12);
        assertThat(payouts.getItems().stream().map(p -> ((Payouts.Payout) p).period()))
                .contains(last.toString());
    }
}
