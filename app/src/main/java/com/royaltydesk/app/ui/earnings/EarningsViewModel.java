package com.royaltydesk.app.ui.earnings;

import com.royaltydesk.app.api.Balances;
import com.royaltydesk.app.api.BillingPreview;
import com.royaltydesk.app.api.Earnings;
import com.royaltydesk.app.api.Payouts;
import com.royaltydesk.app.api.PlatformClient;
import com.royaltydesk.app.concurrency.BackgroundTasks;
import com.royaltydesk.app.concurrency.NewestOnly;
import com.royaltydesk.app.statements.StatementPdf;
import com.royaltydesk.app.ui.common.MoneyFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Earnings: the chosen month's earnings by day (per asset or per model), the open period's billing
 * preview, balances by state with reasons, and payouts. One background call fetches a consistent
 * snapshot; the view only draws it.
 */
public final class EarningsViewModel {

    /** This month and the twelve before it: a whole year back, as far as the sandbox's demo history goes. */
    private static final int MONTHS_SHOWN = 13;

    /** Everything the view shows, fetched together. */
    record Snapshot(Earnings earnings, BillingPreview preview, Balances balances, Payouts payouts) {}

    private final BackgroundTasks tasks;
    private final NewestOnly newest = new NewestOnly();
    private final MoneyFormat money;
    private final List<YearMonth> periods;
    private final ObjectProperty<YearMonth> period;
    private final StringProperty groupBy = new SimpleStringProperty("asset");
    private final ObservableList<Earnings.Series> series = FXCollections.observableArrayList();
    private final ObservableList<Balances.Balance> balances = FXCollections.observableArrayList();
    private final ObservableList<Payouts.Payout> payouts = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper preview = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper previewDetail = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("Connecting to the platform…");
    private PlatformClient client;

    public EarningsViewModel(BackgroundTasks tasks, MoneyFormat money, Clock clock) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.money = Objects.requireNonNull(money, "money");
        YearMonth now = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
        List<YearMonth> months = new ArrayList<>();
        for (int i = 0; i < MONTHS_SHOWN; i++) {
            months.add(now.minusMonths(i));
        }
        this.periods = List.copyOf(months);
        this.period = new SimpleObjectProperty<>(now);
        period.addListener((obs, old, value) -> refresh());
        groupBy.addListener((obs, old, value) -> refresh());
    }

    public void connect(PlatformClient client) {
        this.client = Objects.requireNonNull(client, "client");
        refresh();
    }

    public void refresh() {
        if (client == null || period.get() == null) {
            return;
        }
        PlatformClient target = client;
        String month = period.get().toString();
        String grouping = groupBy.get();
        message.set("Loading…");
        tasks.run(
                () -> new Snapshot(
                        target.earnings(month, grouping), target.billingPreview(), target.balances(), target.payouts()),
                newest.ask(this::show),
                error -> message.set(error.getMessage()));
    }

    /** The file name offered when exporting the chosen month's statement. */
    public String statementFileName() {
        return "statement-" + period.get() + ".csv";
    }

    public String statementPdfFileName() {
        return "statement-" + period.get() + ".pdf";
    }

    /**
     * Saves the chosen month's statement as a PDF laid out here from the platform's JSON statement:
     * the same lines, totals and digest.
     */
    public void exportStatementPdf(Path file) {
        if (client == null || period.get() == null) {
            return;
        }
        saveStatement(file, (target, month) -> StatementPdf.write(target.statements(month), file));
    }

    /**
     * Saves the chosen month's statement exactly as the platform rendered it, so its totals and
     * digest are the platform's; a month not settled yet has no statement, which the platform
     * says in plain words, and nothing is written.
     */
    public void exportStatement(Path file) {
        if (client == null || period.get() == null) {
            return;
        }
        saveStatement(
                file, (target, month) -> Files.writeString(file, target.statementCsv(month), StandardCharsets.UTF_8));
    }

    /** How a statement of {@code month} reaches its file; may block (a worker runs it). */
    private interface StatementWriter {
        void write(PlatformClient client, String month) throws Exception;
    }

    private void saveStatement(Path file, StatementWriter writer) {
        PlatformClient target = client;
        String month = period.get().toString();
        tasks.run(
                () -> {
                    writer.write(target, month);
                    return file;
                },
                written -> message.set("Statement for " + month + " saved to " + file),
                error -> message.set("Statement not saved: " + error.getMessage()));
    }

    private void show(Snapshot snapshot) {
        series.setAll(snapshot.earnings().series());
        balances.setAll(snapshot.balances().balances());
        payouts.setAll(snapshot.payouts().payouts());
        BillingPreview p = snapshot.preview();
        preview.set(money.format(p.total(), p.currency()));
        previewDetail.set("Open period " + p.period() + " so far · paid as "
                + money.format(p.totalRounded(), p.currency()) + " if settled now");
        int days = snapshot.earnings().series().stream()
                .mapToInt(s -> s.points().size())
                .sum();
        message.set(days == 0 ? "No earnings in " + snapshot.earnings().period() + " yet." : "");
    }

    public String format(java.math.BigDecimal amount, String currency) {
        return money.format(amount, currency);
    }

    public List<YearMonth> periods() {
        return periods;
    }

    public ObjectProperty<YearMonth> periodProperty() {
        return period;
    }

    /** "asset" or "model". */
    public StringProperty groupByProperty() {
        return groupBy;
    }

    public ObservableList<Earnings.Series> series() {
        return series;
    }

    public ObservableList<Balances.Balance> balances() {
        return balances;
    }

    public ObservableList<Payouts.Payout> payouts() {
        return payouts;
    }

    public ReadOnlyStringProperty previewProperty() {
        return preview.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty previewDetailProperty() {
        return previewDetail.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
