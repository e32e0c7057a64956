package com.royaltydesk.app.ui.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.app.testutil.AnsweringDialogs;
import com.royaltydesk.app.testutil.SandboxWithHistoryWindowTest;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/** "Reset sandbox…": asked first; then a new sandbox, a fresh history, its receipts trusted as sandbox. */
class ResetSandboxWindowTest extends SandboxWithHistoryWindowTest {

    @TempDir
    Path dir;

    @Test
    void reset_cancelledChangesNothing_confirmedGivesAFreshHistory() throws Exception {
        AnsweringDialogs dialogs = new AnsweringDialogs();
        launchWithHistory(dir, dialogs);
        StatusBar status = find("#status-bar", StatusBar.class);
        String firstUrl = find("#platform-url", Label.class).getText();

        clickOn("Get started");
        clickOn("#settle-last-month");
        Label message = find("#get-started-message", Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> message.getText().startsWith("Settled"));
        clickOn("Earnings");
        TableView<?> payouts = find("#payouts", TableView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> payouts.getItems().size() == 12);

        clickOn("Get started");
        dialogs.confirm = false;
        clickOn("#reset-sandbox");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(find("#platform-url", Label.class).getText()).isEqualTo(firstUrl);

        dialogs.confirm = true;
        clickOn("#reset-sandbox");
        Label url = find("#platform-url", Label.class);
        WaitForAsyncUtils.waitFor(
                60,
                TimeUnit.SECONDS,
                () -> !url.getText().equals(firstUrl) && status.getText().startsWith("Platform healthy"));

        clickOn("Earnings");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> payouts.getItems().size() == 11);
        // A payout opens what it paid for: its month's usage lines, each with its receipts.
        String firstMonth = java.time.YearMonth.now(java.time.ZoneOffset.UTC)
                .minusMonths(12)
                .toString();
        doubleClickOn(lookup("#payouts .table-cell")
                .match(org.testfx.matcher.control.LabeledMatchers.hasText(firstMonth))
                .queryAs(javafx.scene.Node.class));
        TableView<?> lines = find("#earnings-trace-lines", TableView.class);
        Label traceTitle = find("#earnings-trace-title", Label.class);
        awaitOrFail(
                20, () -> !lines.getItems().isEmpty(), () -> "no usage lines; the panel says: " + traceTitle.getText());
        assertThat(find("#earnings-trace-title", Label.class).getText())
                .startsWith("Behind the " + firstMonth + " payout of");
        clickOn("Receipts");
        TableView<?> receipts = find("#receipts-table", TableView.class);
        WaitForAsyncUtils.waitFor(
                20, TimeUnit.SECONDS, () -> receipts.getItems().size() == 9);
        interact(() -> receipts.getSelectionModel().select(0));
        Label verdict = find("#verification-badge", Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> verdict.getText().startsWith("Verified"));
    }
}
