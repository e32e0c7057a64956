package com.royaltydesk.app.ui.assets;

import com.royaltydesk.app.api.Asset;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** The price simulator page: the question above, the months below, the totals in a sentence. */
public final class PriceSimulatorView extends BorderPane {

    private static final Map<String, String> TYPE_WORDS = Map.of(
            "per_use", "Per use (a rate per token)",
            "rev_share", "Revenue share",
            "floor_plus", "Monthly floor plus a rate per token");

    private final com.royaltydesk.app.ui.common.DialogService dialogs;

    public PriceSimulatorView(PriceSimulatorViewModel viewModel, com.royaltydesk.app.ui.common.DialogService dialogs) {
        this.dialogs = dialogs;
        setId("page-pricing");
        setTop(question(viewModel));
        setCenter(months(viewModel));
        setBottom(answer(viewModel, dialogs));
    }

    private static Node question(PriceSimulatorViewModel viewModel) {
        Label title = new Label("What would an asset have earned with another price?");
        title.getStyleClass().add("panel-title");

        ComboBox<Asset> asset = new ComboBox<>(viewModel.assets());
        asset.setId("simulate-asset");
        asset.valueProperty().bindBidirectional(viewModel.assetProperty());
        asset.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Asset item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.name());
            }
        });
        asset.setButtonCell(asset.getCellFactory().call(null));
        asset.setPromptText("Choose an asset");
        Label inForce = new Label();
        inForce.setId("simulate-in-force");
        inForce.getStyleClass().add("muted");
        inForce.textProperty().bind(viewModel.inForceProperty());

        ComboBox<String> type = new ComboBox<>(FXCollections.observableList(PriceSimulatorViewModel.TYPES));
        type.setId("simulate-type");
        type.valueProperty().bindBidirectional(viewModel.typeProperty());
        type.setConverter(new StringConverter<>() {
            @Override
            public String toString(String value) {
                return value == null ? "" : TYPE_WORDS.getOrDefault(value, value);
            }

            @Override
            public String fromString(String text) {
                return text;
            }
        });
        TextField rate = field("simulate-rate", "e.g. 0.0002", viewModel.rateProperty());
        TextField share = field("simulate-share", "e.g. 0.15 for 15%", viewModel.shareProperty());
        TextField floor = field("simulate-floor", "e.g. 250.00", viewModel.floorProperty());
        Spinner<Integer> months = new Spinner<>(
                1,
                PriceSimulatorViewModel.MAX_MONTHS,
                viewModel.monthsProperty().get());
        months.setId("simulate-months");
        months.setEditable(true);
        months.valueProperty()
                .addListener((obs, old, now) -> viewModel.monthsProperty().set(now));

        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        form.addRow(0, new Label("Asset"), new HBox(10, asset, inForce));
        form.addRow(1, new Label("Candidate price"), type);
        Label rateLabel = new Label("Rate per token");
        Label shareLabel = new Label("Share of revenue");
        Label floorLabel = new Label("Monthly floor");
        form.addRow(2, rateLabel, rate);
        form.addRow(3, shareLabel, share);
        form.addRow(4, floorLabel, floor);
        form.addRow(5, new Label("Past months"), months);
        showFor(viewModel.typeProperty().get(), rateLabel, rate, shareLabel, share, floorLabel, floor);
        viewModel
                .typeProperty()
                .addListener((obs, old, now) -> showFor(now, rateLabel, rate, shareLabel, share, floorLabel, floor));

        Button simulate = new Button("_Simulate");
        simulate.setId("simulate-price");
        simulate.setDefaultButton(true);
        simulate.disableProperty().bind(viewModel.busyProperty());
        simulate.setOnAction(e -> viewModel.simulate());
        Label message = new Label();
        message.setId("simulate-message");
        message.setWrapText(true);
        message.getStyleClass().add("muted");
        message.textProperty().bind(viewModel.messageProperty());
        HBox actions = new HBox(12, simulate, message);
        actions.setAlignment(Pos.CENTER_LEFT);

        VBox top = new VBox(10, title, form, actions);
        top.setPadding(new Insets(0, 0, 12, 0));
        return top;
    }

    /** Only the fields the chosen model uses are shown (and read). */
    private static void showFor(String type, Node... labelsAndFields) {
        boolean rate = type.equals("per_use") || type.equals("floor_plus");
        boolean share = type.equals("rev_share");
        boolean floor = type.equals("floor_plus");
        boolean[] shown = {rate, rate, share, share, floor, floor};
        for (int i = 0; i < labelsAndFields.length; i++) {
            labelsAndFields[i].setVisible(shown[i]);
            labelsAndFields[i].setManaged(shown[i]);
        }
    }

    private static TextField field(String id, String prompt, StringProperty value) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.setPrefColumnCount(12);
        field.textProperty().bindBidirectional(value);
        return field;
    }

    private static Node months(PriceSimulatorViewModel viewModel) {
        TableView<PriceSimulatorViewModel.Row> table = new TableView<>(viewModel.rows());
        table.setId("simulate-months-table");
        table.getColumns().add(column("Month", PriceSimulatorViewModel.Row::month, false));
        table.getColumns().add(column("Settled?", PriceSimulatorViewModel.Row::state, false));
        table.getColumns().add(column("Tokens used", PriceSimulatorViewModel.Row::tokens, true));
        table.getColumns().add(column("Did earn", PriceSimulatorViewModel.Row::actualText, true));
        table.getColumns().add(column("Would have earned", PriceSimulatorViewModel.Row::simulatedText, true));
        table.getColumns().add(column("Difference", PriceSimulatorViewModel.Row::differenceText, true));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.setPlaceholder(new Label("Choose an asset and a candidate price, then Simulate."));
        VBox.setVgrow(table, Priority.ALWAYS);
        return table;
    }

    private static TableColumn<PriceSimulatorViewModel.Row, String> column(
            String title, Function<PriceSimulatorViewModel.Row, String> value, boolean number) {
        TableColumn<PriceSimulatorViewModel.Row, String> column = new TableColumn<>(title);
        column.setMinWidth(80);
        column.setCellValueFactory(
                cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())).getReadOnlyProperty());
        if (number) {
            column.setStyle("-fx-alignment: CENTER-RIGHT;");
        }
        return column;
    }

    private static Node answer(PriceSimulatorViewModel viewModel, com.royaltydesk.app.ui.common.DialogService dialogs) {
        Label totals = new Label();
        totals.setId("simulate-totals");
        totals.setWrapText(true);
        totals.getStyleClass().add("panel-title");
        totals.textProperty().bind(viewModel.totalsProperty());
        Label notes = new Label();
        notes.setId("simulate-notes");
        notes.setWrapText(true);
        notes.getStyleClass().add("muted");
        notes.textProperty().bind(viewModel.notesProperty());
        Button apply = new Button("Apply from next month…");
        apply.setId("simulate-apply");
        apply.disableProperty().bind(viewModel.simulatedProperty().isNull().or(viewModel.busyProperty()));
        apply.setOnAction(e -> {
            if (dialogs.confirm(
                    apply.getScene().getWindow(),
                    "Apply this price from next month",
                    "From next month this asset earns "
                            + PriceModelInput.describe(
                                    viewModel.simulatedProperty().get())
                            + ". This month and every month before keep the price they were counted at, and so"
                            + " do their statements.")) {
                viewModel.applyFromNextMonth();
            }
        });
        VBox box = new VBox(6, totals, notes, apply);
        box.setPadding(new Insets(12, 0, 0, 0));
        return box;
    }
}
