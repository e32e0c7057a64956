package com.royaltydesk.app.ui.earnings;

import com.royaltydesk.app.api.Balances;
import com.royaltydesk.app.api.Earnings;
import com.royaltydesk.app.api.MonthlyEarnings;
import com.royaltydesk.app.api.Payouts;
import com.royaltydesk.app.ui.common.DialogService;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** Earnings: a stacked chart by day, the open period's preview, balances with reasons, payouts. */
public final class EarningsView extends BorderPane {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d");

    private final DialogService dialogs;
    private final Consumer<String> openReceipt;

    /** {@code openReceipt}: show one receipt with its full check (the Receipts page). */
    public EarningsView(EarningsViewModel viewModel, DialogService dialogs, Consumer<String> openReceipt) {
        this.dialogs = dialogs;
        this.openReceipt = openReceipt;
        setId("page-earnings");
        getStyleClass().add("earnings-view");
        setTop(toolbar(viewModel));
        Label total = new Label();
        total.setId("earnings-total");
        total.setWrapText(true);
        total.getStyleClass().add("muted");
        total.textProperty().bind(viewModel.totalProperty());
        StackedBarChart<String, Number> chart = chart(viewModel);
        VBox.setVgrow(chart, Priority.ALWAYS);
        setCenter(new VBox(6, total, chart, trace(viewModel)));
        setRight(sidePanel(viewModel));
    }

    private HBox toolbar(EarningsViewModel viewModel) {
        ComboBox<YearMonth> period = new ComboBox<>();
        period.setId("earnings-period");
        period.getItems().setAll(viewModel.periods());
        period.valueProperty().bindBidirectional(viewModel.periodProperty());
        period.setConverter(new StringConverter<>() {
            @Override
            public String toString(YearMonth month) {
                return month == null
                        ? ""
                        : month.getMonth().getDisplayName(TextStyle.FULL, Locale.getDefault()) + " " + month.getYear();
            }

            @Override
            public YearMonth fromString(String text) {
                return null;
            }
        });
        ToggleGroup scale = new ToggleGroup();
        ToggleButton month = toggle("Month", "month", scale, viewModel.scaleProperty());
        month.setId("earnings-scale-month");
        ToggleButton year = toggle("Year", "year", scale, viewModel.scaleProperty());
        year.setId("earnings-scale-year");
        month.setSelected(true);
        period.disableProperty().bind(viewModel.scaleProperty().isEqualTo("year"));
        ToggleGroup group = new ToggleGroup();
        ToggleButton byAsset = toggle("By asset", "asset", group, viewModel.groupByProperty());
        ToggleButton byModel = toggle("By model", "model", group, viewModel.groupByProperty());
        byAsset.setSelected(true);
        Button refresh = new Button("Refresh");
        refresh.setOnAction(e -> viewModel.refresh());
        Button statement = new Button("Export CSV…");
        statement.setId("export-statement");
        statement.setOnAction(
                e -> dialogs.chooseCsvToSave(getScene().getWindow(), "Export statement", viewModel.statementFileName())
                        .ifPresent(viewModel::exportStatement));
        Button pdf = new Button("Export PDF…");
        pdf.setId("export-statement-pdf");
        pdf.setOnAction(e -> dialogs.choosePdfToSave(
                        getScene().getWindow(), "Export statement as PDF", viewModel.statementPdfFileName())
                .ifPresent(viewModel::exportStatementPdf));
        Label message = new Label();
        message.getStyleClass().add("muted");
        message.textProperty().bind(viewModel.messageProperty());
        HBox bar = new HBox(8, month, year, period, byAsset, byModel, refresh, statement, pdf, message);
        // The controls keep their size; a long message (a saved file's path) is what gets cut.
        for (javafx.scene.control.Control control :
                List.of(month, year, period, byAsset, byModel, refresh, statement, pdf)) {
            control.setMinWidth(Region.USE_PREF_SIZE);
        }
        message.setMinWidth(0);
        HBox.setHgrow(message, Priority.ALWAYS);
        bar.setPadding(new Insets(0, 0, 12, 0));
        return bar;
    }

    /** One button of a choice: selecting it sets {@code target} to {@code value} (and it stays selected). */
    private static ToggleButton toggle(String text, String value, ToggleGroup group, StringProperty target) {
        ToggleButton button = new ToggleButton(text);
        button.setToggleGroup(group);
        button.setOnAction(e -> {
            button.setSelected(true);
            target.set(value);
        });
        return button;
    }

    private StackedBarChart<String, Number> chart(EarningsViewModel viewModel) {
        CategoryAxis days = new CategoryAxis();
        days.setLabel("Day of month");
        days.setAutoRanging(false); // every day of the month, also days with nothing earned
        NumberAxis amount = new NumberAxis();
        amount.setLabel("Earned");
        StackedBarChart<String, Number> chart = new StackedBarChart<>(days, amount);
        chart.setId("earnings-chart");
        chart.setAnimated(false);
        chart.setLegendVisible(true);
        // A month has up to 31 day columns; the default 10 px gap left bars 3 px wide.
        chart.setCategoryGap(2);
        viewModel.series().addListener((ListChangeListener<Earnings.Series>) change -> redraw(chart, viewModel));
        viewModel.monthlySeries().addListener((ListChangeListener<MonthlyEarnings.Series>)
                change -> redraw(chart, viewModel));
        viewModel.periodProperty().addListener((obs, old, now) -> redraw(chart, viewModel));
        redraw(chart, viewModel); // the page is built when first opened, maybe after data arrived
        return chart;
    }

    /** The chart's bars are drawn from the exact amounts; only their height goes through a double. */
    private static void redraw(StackedBarChart<String, Number> chart, EarningsViewModel viewModel) {
        if ("year".equals(viewModel.scaleProperty().get())) {
            redrawYear(chart, viewModel);
            return;
        }
        chart.getXAxis().setLabel("Day of month");
        YearMonth month = viewModel.periodProperty().get();
        ((CategoryAxis) chart.getXAxis())
                .getCategories()
                .setAll(java.util.stream.IntStream.rangeClosed(1, month.lengthOfMonth())
                        .mapToObj(Integer::toString)
                        .toList());
        chart.getData().clear();
        for (Earnings.Series series : viewModel.series()) {
            XYChart.Series<String, Number> bars = new XYChart.Series<>();
            bars.setName(series.label());
            for (Earnings.Point point : series.points()) {
                bars.getData().add(new XYChart.Data<>(point.day().format(DAY), point.amount()));
            }
            chart.getData().add(bars);
            clickable(bars, viewModel, series.key(), series.label(), p -> month);
        }
    }

    /** Each bar of {@code bars} opens what is behind it: the usage lines and their receipts. */
    private static void clickable(
            XYChart.Series<String, Number> bars,
            EarningsViewModel viewModel,
            String key,
            String label,
            Function<XYChart.Data<String, Number>, YearMonth> monthOf) {
        for (XYChart.Data<String, Number> bar : bars.getData()) {
            Node node = bar.getNode();
            if (node == null) {
                continue;
            }
            node.setCursor(javafx.scene.Cursor.HAND);
            Tooltip.install(node, new Tooltip(label + ": click to see the usage and receipts behind it"));
            node.setOnMouseClicked(e -> viewModel.trace(key, label, monthOf.apply(bar)));
        }
    }

    /** One bar per month, oldest first, every month shown also when nothing was earned in it. */
    private static void redrawYear(StackedBarChart<String, Number> chart, EarningsViewModel viewModel) {
        chart.getXAxis().setLabel("Month");
        List<YearMonth> months = new java.util.ArrayList<>(viewModel.periods());
        java.util.Collections.reverse(months);
        ((CategoryAxis) chart.getXAxis())
                .getCategories()
                .setAll(months.stream().map(EarningsView::monthLabel).toList());
        chart.getData().clear();
        for (MonthlyEarnings.Series series : viewModel.monthlySeries()) {
            XYChart.Series<String, Number> bars = new XYChart.Series<>();
            bars.setName(series.label());
            java.util.Map<String, YearMonth> byLabel = new java.util.HashMap<>();
            for (MonthlyEarnings.Point point : series.points()) {
                YearMonth month = YearMonth.parse(point.period());
                byLabel.put(monthLabel(month), month);
                bars.getData().add(new XYChart.Data<>(monthLabel(month), point.amount()));
            }
            chart.getData().add(bars);
            clickable(bars, viewModel, series.key(), series.label(), bar -> byLabel.get(bar.getXValue()));
        }
    }

    /** Below the chart once a bar was clicked: its usage lines, and the receipts of the chosen line. */
    private Node trace(EarningsViewModel viewModel) {
        Label title = new Label();
        title.setId("earnings-trace-title");
        title.setWrapText(true);
        title.getStyleClass().add("panel-title");
        title.textProperty().bind(viewModel.traceTitleProperty());
        TableView<EarningsViewModel.TraceLine> lines = new TableView<>(viewModel.trace());
        lines.setId("earnings-trace-lines");
        lines.getColumns().add(traceColumn("Asset", EarningsViewModel.TraceLine::assetId));
        lines.getColumns().add(traceColumn("Model", EarningsViewModel.TraceLine::modelId));
        lines.getColumns().add(traceColumn("Events", l -> Long.toString(l.events())));
        lines.getColumns().add(traceColumn("Tokens", l -> String.format(Locale.getDefault(), "%,d", l.tokens())));
        lines.getColumns().add(traceColumn("Earned", EarningsViewModel.TraceLine::amount));
        lines.getColumns()
                .add(traceColumn("Receipts", l -> Integer.toString(l.receipts().size())));
        lines.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        lines.setPrefHeight(130);
        ListView<String> receipts = new ListView<>();
        receipts.setId("earnings-trace-receipts");
        receipts.setPrefHeight(130);
        receipts.setPrefWidth(260);
        lines.getSelectionModel()
                .selectedItemProperty()
                .addListener((obs, old, now) -> receipts.getItems().setAll(now == null ? List.of() : now.receipts()));
        viewModel.trace().addListener((ListChangeListener<EarningsViewModel.TraceLine>) change -> {
            if (!viewModel.trace().isEmpty()) {
                lines.getSelectionModel().selectFirst();
            }
        });
        Button open = new Button("Check this receipt");
        open.setId("earnings-trace-open");
        open.disableProperty()
                .bind(receipts.getSelectionModel().selectedItemProperty().isNull());
        open.setOnAction(e -> openReceipt.accept(receipts.getSelectionModel().getSelectedItem()));
        receipts.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && receipts.getSelectionModel().getSelectedItem() != null) {
                openReceipt.accept(receipts.getSelectionModel().getSelectedItem());
            }
        });
        HBox.setHgrow(lines, Priority.ALWAYS);
        VBox box = new VBox(6, title, new HBox(8, lines, new VBox(6, receipts, open)));
        box.visibleProperty().bind(viewModel.traceTitleProperty().isNotEmpty());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private static TableColumn<EarningsViewModel.TraceLine, String> traceColumn(
            String title, Function<EarningsViewModel.TraceLine, String> value) {
        TableColumn<EarningsViewModel.TraceLine, String> column = new TableColumn<>(title);
        column.setMinWidth(60);
        column.setCellValueFactory(
                cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())).getReadOnlyProperty());
        return column;
    }

    private static String monthLabel(YearMonth month) {
        return month.getMonth().getDisplayName(TextStyle.SHORT, Locale.getDefault()) + " " + month.getYear();
    }

    private VBox sidePanel(EarningsViewModel viewModel) {
        Label previewTitle = new Label("Billing preview");
        previewTitle.getStyleClass().add("panel-title");
        Label preview = new Label();
        preview.setId("billing-preview");
        preview.getStyleClass().add("big-number");
        preview.textProperty().bind(viewModel.previewProperty());
        Label detail = new Label();
        detail.setWrapText(true);
        detail.getStyleClass().add("muted");
        detail.textProperty().bind(viewModel.previewDetailProperty());

        Label balancesTitle = new Label("Balances");
        balancesTitle.getStyleClass().add("panel-title");
        ListView<Balances.Balance> balances = new ListView<>(viewModel.balances());
        balances.setId("balances");
        balances.setPrefHeight(110);
        balances.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Balances.Balance b, boolean empty) {
                super.updateItem(b, empty);
                setText(empty || b == null ? null : describe(b, viewModel));
                setWrapText(true);
                setPrefWidth(0); // wrap at the list's width instead of scrolling sideways
            }
        });
        balances.setPlaceholder(new Label("Nothing earned yet."));

        Label payoutsTitle = new Label("Payouts");
        payoutsTitle.getStyleClass().add("panel-title");
        TableView<Payouts.Payout> payouts = new TableView<>(viewModel.payouts());
        payouts.setId("payouts");
        payouts.getColumns().add(column("Period", p -> p.period(), 64));
        payouts.getColumns().add(column("Amount", p -> viewModel.format(p.amount(), p.currency()), 90));
        payouts.getColumns().add(column("Status", PayoutWords::status, 56));
        payouts.getColumns().add(column("Reference or reason", PayoutWords::detail, 80));
        // Every column keeps at least its minimum: with "flex last column" the first three once
        // shrank to nothing beside a long reference, and the table showed only references.
        payouts.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        payouts.setPlaceholder(new Label("No payouts yet: they come when a period is settled."));
        // A payout opens what it paid for: its month's usage lines and their receipts, below the chart.
        payouts.setRowFactory(table -> {
            javafx.scene.control.TableRow<Payouts.Payout> row = new javafx.scene.control.TableRow<>();
            row.setOnMouseClicked(e -> {
                if (!row.isEmpty() && e.getClickCount() == 2) {
                    viewModel.tracePayout(row.getItem());
                }
            });
            return row;
        });
        Tooltip.install(payouts, new Tooltip("Double-click a payout to see the usage and receipts it paid for"));
        VBox.setVgrow(payouts, Priority.ALWAYS);

        Label correctionsTitle = new Label("Corrections and disputes");
        correctionsTitle.getStyleClass().add("panel-title");
        ListView<String> corrections = new ListView<>(viewModel.corrections());
        corrections.setId("corrections");
        corrections.setPrefHeight(120);
        corrections.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                setWrapText(true);
                setPrefWidth(0); // wrap at the list's width instead of scrolling sideways
            }
        });
        corrections.setPlaceholder(new Label("No voided events this month and no disputes."));

        VBox panel = new VBox(
                8,
                previewTitle,
                preview,
                detail,
                balancesTitle,
                balances,
                correctionsTitle,
                corrections,
                payoutsTitle,
                payouts);
        panel.setPrefWidth(380);
        panel.setPadding(new Insets(0, 0, 0, 16));
        return panel;
    }

    private static String describe(Balances.Balance b, EarningsViewModel viewModel) {
        String held = b.held().stream()
                .map(h -> h.reason().replace('_', ' ') + " " + viewModel.format(h.amount(), b.currency()))
                .collect(Collectors.joining(", "));
        // Payouts are rounded half-even to the currency's minor unit and the remainder carries (SPEC
        // §3), so "available" can be a fraction of a cent below zero: say what it is.
        String available = b.available().signum() < 0
                ? "rounding carried to the next payout " + viewModel.format(b.available(), b.currency())
                : "available " + viewModel.format(b.available(), b.currency());
        return b.currency() + ": pending " + viewModel.format(b.pending(), b.currency()) + " · " + available
                + (held.isEmpty() ? "" : "\nheld: " + held);
    }

    private static TableColumn<Payouts.Payout, String> column(
            String title, Function<Payouts.Payout, String> value, double minWidth) {
        TableColumn<Payouts.Payout, String> column = new TableColumn<>(title);
        column.setMinWidth(minWidth);
        column.setCellValueFactory(
                cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())).getReadOnlyProperty());
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                // What the column cuts off ("The payment failed (sandbox: …") is one hover away.
                setTooltip(empty || text == null ? null : new Tooltip(text));
            }
        });
        return column;
    }
}
