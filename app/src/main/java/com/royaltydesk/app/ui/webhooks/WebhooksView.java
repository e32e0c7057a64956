package com.royaltydesk.app.ui.webhooks;

import com.royaltydesk.app.api.WebhookEndpoint;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Webhooks: add an endpoint, the endpoints, and the selected one's deliveries with their attempts. */
public final class WebhooksView extends BorderPane {

    public WebhooksView(WebhooksViewModel viewModel) {
        setId("page-webhooks");
        getStyleClass().add("webhooks-view");
        setTop(new VBox(8, addForm(viewModel), secretRow(viewModel), message(viewModel)));
        SplitPane split = new SplitPane(endpoints(viewModel), deliveries(viewModel));
        split.setDividerPositions(0.42);
        setCenter(split);
        BorderPane.setMargin(split, new Insets(10, 0, 0, 0));
    }

    private static VBox addForm(WebhooksViewModel viewModel) {
        TextField url = new TextField();
        url.setId("webhook-url");
        url.setAccessibleText("Endpoint URL"); // no visible label: the prompt says it, screen readers need this
        url.setPromptText("https://example.com/royalty-desk/hooks");
        url.textProperty().bindBidirectional(viewModel.newUrlProperty());
        HBox.setHgrow(url, Priority.ALWAYS);
        Button add = new Button("Add endpoint");
        add.setId("add-webhook");
        add.setOnAction(e -> viewModel.addEndpoint());
        Button refresh = new Button("Refresh");
        refresh.setId("refresh-webhooks");
        refresh.setOnAction(e -> viewModel.refresh());
        FlowPane types = new FlowPane(14, 4);
        for (String type : WebhooksViewModel.EVENT_TYPES) {
            CheckBox box = new CheckBox(type);
            box.setId("webhook-type-" + type.replace('.', '-'));
            box.selectedProperty().bindBidirectional(viewModel.newTypeProperty(type));
            types.getChildren().add(box);
        }
        HBox row = new HBox(8, url, add, refresh);
        row.setAlignment(Pos.CENTER_LEFT);
        return new VBox(6, row, types);
    }

    /** The new endpoint's secret, once, with a copy button; hidden otherwise. */
    private static HBox secretRow(WebhooksViewModel viewModel) {
        Label caption = new Label("Signing secret:");
        caption.getStyleClass().add("settings-label");
        TextField secret = new TextField();
        secret.setId("webhook-secret");
        secret.setEditable(false);
        secret.textProperty().bind(viewModel.secretProperty());
        HBox.setHgrow(secret, Priority.ALWAYS);
        Button copy = new Button("Copy");
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(viewModel.secretProperty().get());
            Clipboard.getSystemClipboard().setContent(content);
        });
        HBox row = new HBox(8, caption, secret, copy);
        row.setAlignment(Pos.CENTER_LEFT);
        row.visibleProperty().bind(viewModel.secretProperty().isNotEmpty());
        row.managedProperty().bind(row.visibleProperty());
        return row;
    }

    private static Label message(WebhooksViewModel viewModel) {
        Label message = new Label();
        message.setId("webhooks-message");
        message.setWrapText(true);
        message.getStyleClass().add("muted");
        message.textProperty().bind(viewModel.messageProperty());
        return message;
    }

    private static VBox endpoints(WebhooksViewModel viewModel) {
        TableView<WebhookEndpoint> table = new TableView<>(viewModel.endpoints());
        table.setId("webhook-endpoints");
        table.getColumns().add(column("URL", 200, WebhookEndpoint::url));
        table.getColumns().add(column("Events", 130, e -> String.join(", ", e.eventTypes())));
        table.getColumns()
                .add(column(
                        "Status",
                        70,
                        e -> e.disabledReason() == null ? e.status() : e.status() + ": " + e.disabledReason()));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No endpoints yet."));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> viewModel.select(now));
        Button delete = new Button("Delete endpoint");
        delete.setId("delete-webhook");
        delete.disableProperty()
                .bind(table.getSelectionModel().selectedItemProperty().isNull());
        delete.setOnAction(e -> viewModel.delete(table.getSelectionModel().getSelectedItem()));
        VBox box = new VBox(8, table, delete);
        VBox.setVgrow(table, Priority.ALWAYS);
        return box;
    }

    private static VBox deliveries(WebhooksViewModel viewModel) {
        TableView<WebhooksViewModel.DeliveryRow> table = new TableView<>(viewModel.deliveries());
        table.setId("webhook-deliveries");
        table.getColumns().add(column("Event", 120, WebhooksViewModel.DeliveryRow::eventType));
        table.getColumns().add(column("Status", 75, WebhooksViewModel.DeliveryRow::status));
        table.getColumns().add(column("Tries", 45, d -> Integer.toString(d.attempts())));
        table.getColumns().add(column("Last result", 90, WebhooksViewModel.DeliveryRow::lastResult));
        table.getColumns().add(column("Next retry", 120, WebhooksViewModel.DeliveryRow::nextRetry));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Select an endpoint to see its deliveries."));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> viewModel.selectDelivery(now));
        ListView<String> attempts = new ListView<>(viewModel.attempts());
        attempts.setId("webhook-attempts");
        attempts.setPrefHeight(120);
        attempts.setPlaceholder(new Label("Select a delivery to see each attempt."));
        Button redeliver = new Button("Redeliver");
        redeliver.setId("redeliver");
        redeliver
                .disableProperty()
                .bind(table.getSelectionModel().selectedItemProperty().isNull());
        redeliver.setOnAction(e -> viewModel.redeliver(table.getSelectionModel().getSelectedItem()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label title = new Label("Attempts");
        title.getStyleClass().add("settings-label");
        HBox bar = new HBox(8, title, spacer, redeliver);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(8, table, bar, attempts);
        VBox.setVgrow(table, Priority.ALWAYS);
        return box;
    }

    private static <T> TableColumn<T, String> column(String title, double width, Function<T, String> value) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setMinWidth(Math.min(width, 45));
        column.setCellValueFactory(
                cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())).getReadOnlyProperty());
        return column;
    }
}
