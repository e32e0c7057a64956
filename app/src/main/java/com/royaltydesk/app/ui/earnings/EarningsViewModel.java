package com.royaltydesk.app.ui.earnings;

import com.royaltydesk.app.api.Adjustments;
import com.royaltydesk.app.api.Balances;
import com.royaltydesk.app.api.BillingPreview;
import com.royaltydesk.app.api.Disputes;
import com.royaltydesk.app.api.Earnings;
import com.royaltydesk.app.api.MonthlyEarnings;
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
    record Snapshot(
            Earnings earnings,
            MonthlyEarnings monthly,
            BillingPreview preview,
            Balances balances,
            Payouts payouts,
            List<Adjustments.Adjustment> adjustments,
            List<Disputes.Dispute> disputes) {}

    private final BackgroundTasks tasks;
    private final NewestOnly newest = new NewestOnly();
    private final MoneyFormat money;
    private final List<YearMonth> periods;
    private final ObjectProperty<YearMonth> period;
    private final StringProperty groupBy = new SimpleStringProperty("asset");
    private final ObservableList<Earnings.Series> series = FXCollections.observableArrayList();
    /** "month": the chosen month by day; "year": this month and the twelve before, by month. */
    private final StringProperty scale = new SimpleStringProperty("month");

    private final ObservableList<MonthlyEarnings.Series> monthlySeries = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper total = new ReadOnlyStringWrapper("");

    /** One usage line behind a clicked bar, with every receipt behind it. */
    public record TraceLine(
            String assetId, String modelId, long events, long tokens, String amount, List<String> receipts) {}

    private final ObservableList<TraceLine> trace = FXCollections.observableArrayList();
    private final ObservableList<String> corrections = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper traceTitle = new ReadOnlyStringWrapper("");
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
        scale.addListener((obs, old, value) -> refresh());
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
        boolean year = "year".equals(scale.get());
        YearMonth last = periods.get(0);
        YearMonth first = periods.get(periods.size() - 1);
        message.set("Loading…");
        tasks.run(
                () -> new Snapshot(
                        year ? null : target.earnings(month, grouping),
                        year ? target.earningsMonthly(first, last, grouping) : null,
                        target.billingPreview(),
                        target.balances(),
                        target.payouts(),
                        year ? List.of() : target.adjustments(month),
                        target.disputes()),
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
        corrections.setAll(corrections(snapshot));
        if (snapshot.monthly() != null) {
            showYear(snapshot.monthly());
        } else {
            showMonth(snapshot.earnings());
        }
        balances.setAll(snapshot.balances().balances());
        payouts.setAll(snapshot.payouts().payouts());
        BillingPreview p = snapshot.preview();
        preview.set(money.format(p.total(), p.currency()));
        previewDetail.set("Open period " + p.period() + " so far · paid as "
                + money.format(p.totalRounded(), p.currency()) + " if settled now");
    }

    /**
     * Corrections booked into the month shown (each voided event with its reason; the original is
     * kept and named) and every dispute with its status and what it holds, in words.
     */
    private List<String> corrections(Snapshot snapshot) {
        List<String> words = new ArrayList<>();
        for (Adjustments.Adjustment a : snapshot.adjustments()) {
            words.add("Voided in " + period.get() + ": event " + a.eventId() + " (" + a.modelId() + " on "
                    + a.assetId() + ", from " + a.originalPeriod() + ", host " + a.hostId() + ") "
                    + money.format(a.amount(), a.currency()) + " — " + a.reason());
        }
        for (Disputes.Dispute d : snapshot.disputes()) {
            String state = "open".equals(d.status())
                    ? "Dispute open"
                    : "Dispute resolved (" + (d.outcome() == null ? "closed" : d.outcome()) + ")";
            String held = d.heldAmount().signum() == 0 && "open".equals(d.status())
                    ? "nothing held yet: its earnings are held from the next settlement"
                    : "held " + money.format(d.heldAmount(), heldCurrency(snapshot));
            words.add(state + " on receipt " + d.receiptId() + " · " + held + " — " + d.reason());
        }
        if (snapshot.disputes().size() >= PlatformClient.MAX_DISPUTES) {
            words.add("Showing the newest " + PlatformClient.MAX_DISPUTES + " disputes only.");
        }
        return words;
    }

    /** Disputes hold in the creator's balance currency; the first balance names it (USD when none yet). */
    private static String heldCurrency(Snapshot snapshot) {
        return snapshot.balances().balances().isEmpty()
                ? "USD"
                : snapshot.balances().balances().get(0).currency();
    }

    private void showMonth(Earnings earnings) {
        monthlySeries.clear();
        series.setAll(earnings.series());
        total.set(totalWords(
                "in " + earnings.period(),
                earnings.series().stream()
                        .flatMap(s -> s.points().stream().map(p -> java.util.Map.entry(s.currency(), p.amount())))
                        .toList()));
        int days = earnings.series().stream().mapToInt(s -> s.points().size()).sum();
        message.set(days == 0 ? "No earnings in " + earnings.period() + " yet." : "");
    }

    private void showYear(MonthlyEarnings monthly) {
        series.clear();
        monthlySeries.setAll(monthly.series());
        total.set(totalWords(
                "from " + monthly.from() + " to " + monthly.to(),
                monthly.series().stream()
                        .flatMap(s -> s.points().stream().map(p -> java.util.Map.entry(s.currency(), p.amount())))
                        .toList()));
        message.set(monthly.series().isEmpty() ? "No earnings in these months yet." : "");
    }

    /**
     * The usage lines behind one bar — an asset's or a model's month — and every receipt behind each
     * (the platform pages them; all are read). A day's bar shows its month's lines: usage is
     * reported and settled by month.
     */
    public void trace(String key, String label, YearMonth month) {
        boolean byModel = "model".equals(groupBy.get());
        trace(label, month, line -> key.equals(byModel ? line.modelId() : line.assetId()));
    }

    /** What a payout paid for: every usage line of its month, with every receipt behind each. */
    public void tracePayout(Payouts.Payout payout) {
        trace(
                "the " + payout.period() + " payout of " + money.format(payout.amount(), payout.currency()),
                YearMonth.parse(payout.period()),
                line -> true);
    }

    private void trace(
            String label,
            YearMonth month,
            java.util.function.Predicate<com.royaltydesk.app.api.UsageReport.Line> which) {
        PlatformClient target = client;
        if (target == null) {
            return;
        }
        traceTitle.set("Looking up what is behind " + label + " in " + month + "…");
        tasks.run(
                () -> target.usageLines(month.toString()).stream()
                        .filter(which)
                        .map(line -> new TraceLine(
                                line.assetId(),
                                line.modelId(),
                                line.events(),
                                line.tokens(),
                                money.format(line.amount(), line.currency()),
                                line.receiptCount() > line.receiptRefs().size()
                                        ? target.receiptsBehind(month.toString(), line.assetId(), line.modelId())
                                        : line.receiptRefs()))
                        .toList(),
                lines -> {
                    long receipts =
                            lines.stream().mapToLong(l -> l.receipts().size()).sum();
                    // Title first: whoever sees the new lines sees the words that go with them.
                    traceTitle.set("Behind " + label + " in " + month + ": " + lines.size()
                            + (lines.size() == 1 ? " usage line, " : " usage lines, ") + receipts
                            + (receipts == 1 ? " receipt" : " receipts") + ". Pick a receipt to check it.");
                    trace.setAll(lines);
                },
                error -> traceTitle.set("Could not look it up: " + error.getMessage()));
    }

    /** Voids of the month shown and every dispute, in words. */
    public ObservableList<String> corrections() {
        return corrections;
    }

    public ObservableList<TraceLine> trace() {
        return trace;
    }

    public ReadOnlyStringProperty traceTitleProperty() {
        return traceTitle.getReadOnlyProperty();
    }

    /** "Earned from usage in 2026-11: $1,234.5678" — exact, per currency, from the points shown. */
    private String totalWords(String when, List<java.util.Map.Entry<String, java.math.BigDecimal>> amounts) {
        java.util.Map<String, java.math.BigDecimal> sums = new java.util.TreeMap<>();
        amounts.forEach(a -> sums.merge(a.getKey(), a.getValue(), java.math.BigDecimal::add));
        if (sums.isEmpty()) {
            return "";
        }
        return "Earned from usage " + when + ": "
                + String.join(
                        ", ",
                        sums.entrySet().stream()
                                .map(e -> money.format(e.getValue(), e.getKey()))
                                .toList())
                + " (floors and pool bonuses come with settlement)";
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

    public ObservableList<MonthlyEarnings.Series> monthlySeries() {
        return monthlySeries;
    }

    /** "month" or "year". */
    public StringProperty scaleProperty() {
        return scale;
    }

    /** The exact total of what the chart shows, in words. */
    public ReadOnlyStringProperty totalProperty() {
        return total.getReadOnlyProperty();
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
