package com.royaltydesk.app.ui.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.app.api.Payouts;
import com.royaltydesk.app.testutil.AnsweringDialogs;
import com.royaltydesk.app.testutil.SandboxWithHistoryWindowTest;
import com.royaltydesk.app.ui.common.MoneyFormat;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A sales engineer's first start (issue #16): the sandbox comes with a year of history — payouts
 * from eleven months, one failed — and "Settle last month" makes the twelfth appear.
 */
class DemoHistoryWindowTest extends SandboxWithHistoryWindowTest {

    @TempDir
    Path dir;

    @Test
    void firstStart_aYearOfPayouts_thenSettleLastMonth_addsItsPayout() throws Exception {
        AnsweringDialogs dialogs = new AnsweringDialogs();
        dialogs.disputeReason = "The host trained on last year's edition, not this one.";
        launchWithHistory(dir, dialogs);

        clickOn("Earnings");
        TableView<?> payouts = find("#payouts", TableView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> payouts.getItems().size() == 11);
        assertThat(onFx(() -> payouts.getItems().stream()
                        .map(p -> ((Payouts.Payout) p).status())
                        .toList()))
                .containsOnlyOnce("failed")
                .contains("paid");

        clickOn("Get started");
        clickOn("#settle-last-month");
        Label message = find("#get-started-message", Label.class);
        YearMonth last = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
        awaitTextStartingWith(message, "Settled " + last, 20);
        assertThat(message.getText()).contains("Your payout:").contains("paid");

        clickOn("Earnings");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> payouts.getItems().size() == 12);
        assertThat(onFx(() -> payouts.getItems().stream()
                        .map(p -> ((Payouts.Payout) p).period())
                        .toList()))
                .contains(last.toString());

        // The year: a bar for each month with usage, and their exact sum in words above them.
        clickOn("#earnings-scale-year");
        Label total = find("#earnings-total", Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> total.getText().startsWith("Earned from usage from"));
        WaitForAsyncUtils.waitForFxEvents();
        StackedBarChart<?, ?> chart = find("#earnings-chart", StackedBarChart.class);
        assertThat(chart.getXAxis().getLabel()).isEqualTo("Month");
        Set<Object> months = new HashSet<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (XYChart.Series<?, ?> series : chart.getData()) {
            for (XYChart.Data<?, ?> bar : series.getData()) {
                months.add(bar.getXValue());
                sum = sum.add((BigDecimal) bar.getYValue());
            }
        }
        // This month has a bar once a day of it has passed: the history lives every day before today.
        boolean thisMonthHasADay = java.time.LocalDate.now(ZoneOffset.UTC).getDayOfMonth() > 1;
        assertThat(months).hasSize(thisMonthHasADay ? 13 : 12);
        assertThat(find("#earnings-total", Label.class).getText())
                .startsWith("Earned from usage from "
                        + YearMonth.now(ZoneOffset.UTC).minusMonths(12))
                .contains(new MoneyFormat(Locale.getDefault()).format(sum, "USD"));

        // From an amount to the evidence: a bar → its usage lines → a receipt → its full check.
        XYChart.Data<?, ?> bar = chart.getData().get(0).getData().get(0);
        clickOn(bar.getNode());
        TableView<?> lines = find("#earnings-trace-lines", TableView.class);
        Label traceTitle = find("#earnings-trace-title", Label.class);
        WaitForAsyncUtils.waitFor(
                20, TimeUnit.SECONDS, () -> traceTitle.getText().startsWith("Behind "));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(traceTitle.getText())
                .startsWith("Behind " + chart.getData().get(0).getName());
        assertThat(lines.getItems()).isNotEmpty();
        @SuppressWarnings("unchecked")
        javafx.scene.control.ListView<String> receipts =
                find("#earnings-trace-receipts", javafx.scene.control.ListView.class);
        WaitForAsyncUtils.waitFor(
                10, TimeUnit.SECONDS, () -> !receipts.getItems().isEmpty());
        String receipt = receipts.getItems().get(0);
        interact(() -> receipts.getSelectionModel().select(0));
        clickOn("#earnings-trace-open");
        Label verdict = find("#verification-badge", Label.class);
        awaitTextStartingWith(verdict, "Verified", 20);
        TableView<?> receiptTable = find("#receipts-table", TableView.class);
        Object selected = receiptTable.getSelectionModel().getSelectedItem();
        assertThat(((com.royaltydesk.app.api.ReceiptSummary) selected).receiptId())
                .isEqualTo(receipt);

        // Dispute it from there; Earnings lists it beside the demo's dispute, whose hold — taken when
        // last month was settled above — shows in the balances.
        clickOn("#dispute-receipt");
        Label receiptsMessage = find("#receipts-message", Label.class);
        awaitTextStartingWith(receiptsMessage, "Dispute dsp_", 20);
        clickOn("Earnings");
        clickOn("#earnings-scale-month");
        @SuppressWarnings("unchecked")
        javafx.scene.control.ListView<String> corrections = find("#corrections", javafx.scene.control.ListView.class);
        WaitForAsyncUtils.waitFor(
                20,
                TimeUnit.SECONDS,
                () -> onFx(() -> corrections.getItems().stream()
                        .anyMatch(c -> c.startsWith("Dispute open on receipt " + receipt))));
        assertThat(onFx(() -> List.copyOf(corrections.getItems())))
                .anySatisfy(c -> assertThat(c).contains("last year's edition"))
                .anySatisfy(c -> assertThat(c).contains("only the 2010-2020 issues"));
        @SuppressWarnings("unchecked")
        javafx.scene.control.ListView<Object> balances = find("#balances", javafx.scene.control.ListView.class);
        assertThat(((com.royaltydesk.app.api.Balances.Balance)
                                onFx(() -> balances.getItems().get(0)))
                        .held())
                .anySatisfy(h -> assertThat(h.amount()).isPositive());

        // The month of the demo's void shows it with its reason; the original event is named.
        interact(() -> lookup("#earnings-period")
                .queryAs(javafx.scene.control.ComboBox.class)
                .setValue(YearMonth.now(ZoneOffset.UTC).minusMonths(5)));
        WaitForAsyncUtils.waitFor(
                20,
                TimeUnit.SECONDS,
                () -> onFx(() -> corrections.getItems().stream().anyMatch(c -> c.startsWith("Voided in"))));
        assertThat(onFx(() -> List.copyOf(corrections.getItems())))
                .anySatisfy(c ->
                        assertThat(c).contains("voided at the host's request").contains("event demo-"));
    }
}
