package com.royaltydesk.app.ui.earnings;

import com.royaltydesk.app.api.Balances;
import com.royaltydesk.app.api.Earnings;
import com.royaltydesk.app.api.Payouts;
import com.royaltydesk.app.ui.common.DialogService;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
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

    public EarningsView(EarningsViewModel viewModel, DialogService dialogs) {
        this.dialogs = dialogs;
        setId("page-earnings");
        getStyleClass().add("earnings-view");
        setTop(toolbar(viewModel));
        setCenter(chart(viewModel));
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
        ToggleGroup group = new ToggleGroup();
        ToggleButton byAsset = toggle("By asset", "asset", group, viewModel);
        ToggleButton byModel = toggle("By model", "model", group, viewModel);
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
        HBox bar = new HBox(8, period, byAsset, byModel, refresh, statement, pdf, message);
        // The controls keep their size; a long message (a saved file's path) is what gets cut.
        for (javafx.scene.control.Control control : List.of(period, byAsset, byModel, refresh, statement, pdf)) {
            control.setMinWidth(Region.USE_PREF_SIZE);
        }
        message.setMinWidth(0);
        HBox.setHgrow(message, Priority.ALWAYS);
        bar.setPadding(new Insets(0, 0, 12, 0));
        return bar;
    }

    private static ToggleButton toggle(String text, String value, ToggleGroup group, EarningsViewModel viewModel) {
        ToggleButton button = new ToggleButton(text);
        button.setToggleGroup(group);
        button.setOnAction(e -> {
            button.setSelected(true);
            viewModel.groupByProperty().set(value);
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
        viewModel.periodProperty().addListener((obs, old, now) -> redraw(chart, viewModel));
        redraw(chart, viewModel); // the page is built when first opened, maybe after data arrived
        return chart;
    }

    /** The chart's bars are drawn from the exact amounts; only their height goes through a double. */
    private static void redraw(StackedBarChart<String, Number> chart, EarningsViewModel viewModel) {
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
        }
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
        VBox.setVgrow(payouts, Priority.ALWAYS);

        VBox panel = new VBox(8, previewTitle, preview, detail, balancesTitle, balances, payoutsTitle, payouts);
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
