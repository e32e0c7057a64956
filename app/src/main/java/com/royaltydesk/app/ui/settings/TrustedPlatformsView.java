package com.royaltydesk.app.ui.settings;

import com.royaltydesk.app.ui.common.DialogService;
import com.royaltydesk.app.verify.TrustStore;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Settings → Trusted platforms: the list, "Import trust root…", "Remove", and the question before trusting. */
final class TrustedPlatformsView extends VBox {

    TrustedPlatformsView(TrustedPlatformsViewModel viewModel, DialogService dialogs) {
        super(8);
        setId("trusted-platforms");
        Label heading = new Label("Trusted platforms");
        heading.getStyleClass().add("panel-title");
        Label note = new Label("Receipts verify only against platforms listed here. The bundled sandbox is"
                + " trusted for this session only, and always marked as sandbox.");
        note.setWrapText(true);
        note.getStyleClass().add("muted");

        ListView<TrustStore.Entry> list = new ListView<>(viewModel.trusted());
        list.setId("trusted-list");
        list.setPrefHeight(110);
        list.setMinHeight(80);
        list.setPlaceholder(new Label("No platform trusted yet."));
        list.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(TrustStore.Entry entry, boolean empty) {
                super.updateItem(entry, empty);
                setText(
                        empty || entry == null
                                ? null
                                : entry.issuer() + " · log " + entry.origin() + " · from " + entry.source()
                                        + " · SHA-256 " + entry.fingerprint().substring(0, 16) + "…");
            }
        });

        Button importRoot = new Button("Import trust root…");
        importRoot.setId("import-trust-root");
        importRoot.setOnAction(
                e -> dialogs.chooseTrustRootToOpen(getScene().getWindow()).ifPresent(viewModel::importFile));
        Button remove = new Button("Remove");
        remove.setId("remove-trust-root");
        remove.disableProperty()
                .bind(list.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> viewModel.remove(list.getSelectionModel().getSelectedItem()));

        TextArea question = new TextArea();
        question.setId("trust-question");
        question.setEditable(false);
        question.setWrapText(true);
        question.setPrefRowCount(12);
        question.setMinHeight(220);
        question.textProperty().bind(viewModel.pendingProperty());
        Button yes = new Button("Trust this platform");
        yes.setId("trust-yes");
        yes.setOnAction(e -> viewModel.trustPending());
        Button no = new Button("Don't trust");
        no.setId("trust-no");
        no.setOnAction(e -> viewModel.dismissPending());
        VBox ask = new VBox(6, question, new HBox(8, yes, no));
        ask.visibleProperty().bind(viewModel.askingProperty());
        ask.managedProperty().bind(ask.visibleProperty());

        Label message = new Label();
        message.setId("trust-message");
        message.setWrapText(true);
        message.textProperty().bind(viewModel.messageProperty());
        message.visibleProperty().bind(viewModel.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        // The question comes first, where the eye is, before the list it would add to.
        getChildren().addAll(heading, note, ask, message, list, new HBox(8, importRoot, remove));
    }
}
