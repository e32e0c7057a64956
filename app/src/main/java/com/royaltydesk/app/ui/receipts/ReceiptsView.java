package com.royaltydesk.app.ui.receipts;

import com.royaltydesk.app.api.ReceiptSummary;
import com.royaltydesk.app.review.BundleFiles;
import com.royaltydesk.app.ui.common.DialogService;
import com.royaltydesk.verify.BundleReport;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Receipts: the table, and the selected receipt's verdict with every check, decoded parts and export. */
public final class ReceiptsView extends BorderPane {

    private static final double ROW_HEIGHT = 24;

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT).withZone(ZoneId.systemDefault());

    public ReceiptsView(ReceiptsViewModel viewModel, DialogService dialogs) {
        getStyleClass().add("receipts-view");
        setId("page-receipts");
        Label sandbox = new Label();
        sandbox.setId("sandbox-notice");
        sandbox.getStyleClass().add("sandbox-notice");
        sandbox.setWrapText(true);
        sandbox.textProperty().bind(viewModel.sandboxNoticeProperty());
        sandbox.visibleProperty().bind(viewModel.sandboxNoticeProperty().isNotEmpty());
        sandbox.managedProperty().bind(sandbox.visibleProperty());
        setTop(new VBox(8, toolbar(viewModel, dialogs), sandbox));
        SplitPane split = new SplitPane(table(viewModel), detail(viewModel, dialogs));
        split.setDividerPositions(0.64);
        setCenter(split);
    }

    private HBox toolbar(ReceiptsViewModel viewModel, DialogService dialogs) {
        TextField search = new TextField();
        search.setId("receipt-search");
        search.setPromptText("Search receipt, model or dataset");
        search.textProperty().bindBidirectional(viewModel.list().searchProperty());
        HBox.setHgrow(search, Priority.ALWAYS);
        TextField model =
                filterField(viewModel.list().modelFilterProperty(), "receipt-model-filter", "Model", viewModel);
        TextField asset =
                filterField(viewModel.list().assetFilterProperty(), "receipt-asset-filter", "Asset id", viewModel);
        ComboBox<StateFilter> state = new ComboBox<>(FXCollections.observableArrayList(StateFilter.values()));
        state.setId("receipt-state-filter");
        state.valueProperty().bindBidirectional(viewModel.list().stateFilterProperty());
        Button refresh = new Button("Refresh");
        refresh.setId("refresh-receipts");
        refresh.setOnAction(e -> viewModel.refresh());
        Button open = new Button("Open bundle…");
        open.setId("open-bundle");
        open.setOnAction(e -> dialogs.chooseBundleToOpen(getScene().getWindow()).ifPresent(viewModel::openBundle));
        Label message = new Label();
        message.setId("receipts-message");
        message.getStyleClass().add("muted");
        message.textProperty().bind(viewModel.messageProperty());
        HBox bar = new HBox(8, search, model, asset, state, refresh, open, message);
        bar.getStyleClass().add("toolbar-row");
        bar.setPadding(new Insets(0, 0, 12, 0));
        return bar;
    }

    /** A server-side filter: Enter (or Refresh) asks the platform for the matching receipts only. */
    private static TextField filterField(
            javafx.beans.property.StringProperty value, String id, String prompt, ReceiptsViewModel viewModel) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.setPrefColumnCount(8);
        field.textProperty().bindBidirectional(value);
        field.setOnAction(e -> viewModel.refresh());
        return field;
    }

    private VBox table(ReceiptsViewModel viewModel) {
        TableView<ReceiptSummary> table = new TableView<>(viewModel.list().receipts());
        table.setId("receipts-table");
        // Preferred widths fit typical values (a 23-character id, a model name, a short date): at
        // 1440 px nothing is cut; narrower, every column gives way in proportion and a tooltip shows it all.
        table.getColumns().add(column("Receipt", 175, r -> r.receiptId()));
        table.getColumns().add(column("Model", 150, r -> r.modelId()));
        table.getColumns().add(column("Dataset", 130, r -> r.datasetId()));
        table.getColumns().add(column("Log #", 50, r -> Long.toString(r.logIndex())));
        table.getColumns().add(column("Issued", 140, r -> WHEN.format(r.issuedAt())));
        // Each cell's value is a binding on the count of checked states: a batch of new states
        // updates the cells that show a row now (their bindings are the live ones) and nothing
        // else. table.refresh() rebuilt every cell of every column per batch instead: 38 layout
        // pulses over 50 ms while 100,000 receipts paged in (BENCHMARKS.md).
        TableColumn<ReceiptSummary, String> signature = new TableColumn<>("Signature");
        signature.setPrefWidth(95);
        signature.setMinWidth(55);
        signature.setCellValueFactory(cell -> Bindings.createStringBinding(
                () -> stateText(
                        viewModel.list().states().get(cell.getValue().receiptId()),
                        viewModel.sandboxSessionProperty().get()),
                viewModel.list().statesCheckedProperty(),
                viewModel.sandboxSessionProperty()));
        signature.setCellFactory(c -> new TextCellWithTooltip());
        table.getColumns().add(signature);
        // Every column gives and takes width in proportion, so none is cut while another has room.
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        // Rows of one known height (one line of 13 px text): the table need not measure every row
        // it lays out while scrolling through 100,000 (BENCHMARKS.md).
        table.setFixedCellSize(ROW_HEIGHT);
        table.setPlaceholder(
                new Label("No receipts yet. They appear here when proof-of-training is recorded for your assets."));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> viewModel.select(now));
        viewModel.list().revealedProperty().addListener((obs, old, now) -> {
            if (now != null) {
                table.getSelectionModel().select(now);
                table.scrollTo(now);
            }
        });
        Button more = new Button("Load more");
        more.visibleProperty().bind(viewModel.list().hasMoreProperty());
        more.managedProperty().bind(more.visibleProperty());
        more.setOnAction(e -> viewModel.loadMore());
        VBox box = new VBox(8, table, more);
        VBox.setVgrow(table, Priority.ALWAYS);
        return box;
    }

    /** A receipt's state in the table; in the app's own sandbox a verified one says sandbox, as everywhere. */
    private static String stateText(com.royaltydesk.verify.ReceiptStatus state, boolean sandboxSession) {
        if (state == null) {
            return "checking…";
        }
        if (state == com.royaltydesk.verify.ReceiptStatus.VERIFIED) {
            return sandboxSession ? "✔ sandbox" : "✔ verified";
        }
        return state.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    /** A table cell whose tooltip carries its whole text, for when the column is too narrow to show it. */
    private static final class TextCellWithTooltip extends javafx.scene.control.TableCell<ReceiptSummary, String> {
        private final javafx.scene.control.Tooltip tooltip = new javafx.scene.control.Tooltip();

        @Override
        protected void updateItem(String text, boolean empty) {
            super.updateItem(text, empty);
            setText(empty ? null : text);
            tooltip.setText(text);
            setTooltip(empty || text == null || text.isEmpty() ? null : tooltip);
        }
    }

    private static TableColumn<ReceiptSummary, String> column(
            String title, double width, java.util.function.Function<ReceiptSummary, String> value) {
        TableColumn<ReceiptSummary, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setMinWidth(Math.min(width, 55));
        column.setCellValueFactory(
                cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())).getReadOnlyProperty());
        column.setCellFactory(c -> new TextCellWithTooltip());
        return column;
    }

    private VBox detail(ReceiptsViewModel viewModel, DialogService dialogs) {
        Label badge = new Label();
        badge.setId("verification-badge");
        badge.setWrapText(true); // the verdict is read first: never cut off
        badge.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        badge.getStyleClass().add("badge");
        badge.textProperty().bind(viewModel.inspection().verdictProperty());
        badge.visibleProperty().bind(viewModel.inspection().verdictProperty().isNotEmpty());
        viewModel.inspection().verdictStyleProperty().addListener((obs, old, now) -> styleBadge(badge, now));
        styleBadge(badge, viewModel.inspection().verdictStyleProperty().get());
        Label subject = new Label();
        subject.setId("verification-subject");
        subject.setWrapText(true);
        subject.textProperty().bind(viewModel.inspection().subjectProperty());
        Label claims = new Label();
        claims.setId("receipt-claims-in-words");
        claims.setWrapText(true);
        claims.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // what is claimed, never cut off
        claims.textProperty().bind(viewModel.inspection().claimsInWordsProperty());
        claims.visibleProperty()
                .bind(viewModel.inspection().claimsInWordsProperty().isNotEmpty());
        claims.managedProperty().bind(claims.visibleProperty());
        Label signingKey = new Label();
        signingKey.setId("verification-key");
        signingKey.setWrapText(true);
        signingKey.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // who vouched, in full
        signingKey.getStyleClass().add("muted");
        signingKey.textProperty().bind(viewModel.inspection().signingKeyProperty());
        signingKey
                .visibleProperty()
                .bind(viewModel.inspection().signingKeyProperty().isNotEmpty());
        signingKey.managedProperty().bind(signingKey.visibleProperty());

        ListView<BundleReport.Check> checks =
                new ListView<>(viewModel.inspection().checks());
        checks.setId("verification-checks");
        checks.setPrefHeight(260);
        checks.setCellFactory(CheckCell::new);
        TitledPane headerPane =
                new TitledPane("Header", readOnly(viewModel.inspection().headerProperty()));
        TitledPane payloadPane = new TitledPane(
                "Claims as signed (JSON)", readOnly(viewModel.inspection().payloadProperty()));
        payloadPane.setExpanded(false);
        headerPane.setExpanded(false);
        Button export = new Button("Export bundle…");
        export.setId("export-bundle");
        export.disableProperty().bind(viewModel.inspection().canExportProperty().not());
        export.setOnAction(e -> dialogs.chooseBundleToSave(
                        getScene().getWindow(), BundleFiles.suggestedName("receipt", System.getProperty("os.name")))
                .ifPresent(viewModel::exportBundle));
        Button dispute = new Button("Dispute…");
        dispute.setId("dispute-receipt");
        dispute.disableProperty()
                .bind(viewModel.inspection().disputableProperty().isNull());
        dispute.setOnAction(e -> dialogs.askDisputeReason(
                        getScene().getWindow(),
                        viewModel.inspection().disputableProperty().get().receiptId())
                .ifPresent(viewModel::dispute));
        VBox box = new VBox(
                10, badge, subject, claims, signingKey, checks, payloadPane, headerPane, new HBox(8, export, dispute));
        box.getStyleClass().add("detail-pane");
        box.setPadding(new Insets(0, 0, 0, 12));
        return box;
    }

    /** A check: its name with a pass/fail mark, and below it what exactly was compared, wrapped. */
    private static final class CheckCell extends ListCell<BundleReport.Check> {
        private final Label name = new Label();
        private final Label detail = new Label();
        private final VBox box = new VBox(2, name, detail);

        CheckCell(ListView<BundleReport.Check> list) {
            detail.setWrapText(true);
            detail.getStyleClass().add("muted");
            box.prefWidthProperty().bind(list.widthProperty().subtract(30));
            detail.maxWidthProperty().bind(box.prefWidthProperty());
        }

        @Override
        protected void updateItem(BundleReport.Check check, boolean empty) {
            super.updateItem(check, empty);
            name.getStyleClass().removeAll("check-passed", "check-failed");
            if (empty || check == null) {
                setGraphic(null);
                return;
            }
            name.setText((check.passed() ? "✔  " : "✘  ") + check.name());
            name.getStyleClass().add(check.passed() ? "check-passed" : "check-failed");
            detail.setText(check.detail());
            setGraphic(box);
        }
    }

    private static TextArea readOnly(javafx.beans.value.ObservableValue<String> text) {
        TextArea area = new TextArea();
        area.setEditable(false);
        area.setWrapText(true);
        area.setPrefRowCount(8);
        area.getStyleClass().add("code");
        area.textProperty().bind(text);
        return area;
    }

    private static void styleBadge(Label badge, String style) {
        badge.getStyleClass().removeIf(existing -> existing.startsWith("badge-"));
        if (style != null && !style.isEmpty()) {
            badge.getStyleClass().add("badge-" + style);
        }
    }
}
