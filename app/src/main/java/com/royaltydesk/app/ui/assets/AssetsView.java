package com.royaltydesk.app.ui.assets;

import com.royaltydesk.app.ui.common.DialogService;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** Assets: the creator's registered assets on the left, registering a new one on the right. */
public final class AssetsView extends BorderPane {

    private final SplitPane split = new SplitPane();
    private final RegisterAssetView form;
    private final ToggleButton open = new ToggleButton("Register asset…");
    /** Columns that make room for the form while it is open. */
    private final List<TableColumn<AssetsViewModel.Row, String>> secondary = new ArrayList<>();

    public AssetsView(AssetsViewModel assets, RegisterAssetViewModel register, DialogService dialogs) {
        getStyleClass().add("assets-view");
        setId("page-assets");
        form = new RegisterAssetView(register, dialogs);
        open.setId("open-register-asset");
        open.selectedProperty().addListener((obs, old, now) -> showForm(now));
        // Escape closes the form and hands the focus back to the button that opened it.
        form.addEventHandler(KeyEvent.KEY_PRESSED, key -> {
            if (key.getCode() == KeyCode.ESCAPE) {
                open.setSelected(false);
                open.requestFocus();
                key.consume();
            }
        });
        setTop(toolbar(assets, open));
        split.getItems().add(table(assets, dialogs));
        setCenter(split);
    }

    /** Opens the registration form (from Get started). */
    public void openRegistration() {
        open.setSelected(true);
    }

    /** The form takes the right third while open; closed, the table has the whole width. */
    private void showForm(boolean shown) {
        secondary.forEach(column -> column.setVisible(!shown));
        if (shown && !split.getItems().contains(form)) {
            split.getItems().add(form);
            split.setDividerPositions(0.6);
            form.focusFirstField();
        } else if (!shown) {
            split.getItems().remove(form);
        }
    }

    private static HBox toolbar(AssetsViewModel assets, ToggleButton open) {
        Label message = new Label();
        message.setId("assets-message");
        message.getStyleClass().add("muted");
        message.textProperty().bind(assets.messageProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button refresh = new Button("Refresh");
        refresh.setId("refresh-assets");
        refresh.setOnAction(e -> assets.refresh());
        HBox bar = new HBox(8, message, spacer, open, refresh);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("toolbar-row");
        bar.setPadding(new Insets(0, 0, 12, 0));
        return bar;
    }

    private TableView<AssetsViewModel.Row> table(AssetsViewModel assets, DialogService dialogs) {
        TableView<AssetsViewModel.Row> table = new TableView<>(assets.rows());
        table.setId("assets-table");
        table.getColumns().add(column("Name", 150, AssetsViewModel.Row::name));
        TableColumn<AssetsViewModel.Row, String> hash = column("SHA-256", 165, AssetsViewModel.Row::sha256);
        hash.setCellFactory(column -> new HashCell());
        hash.setMinWidth(165); // the shortened hash and its Copy button side by side
        table.getColumns().add(hash);
        TableColumn<AssetsViewModel.Row, String> license = column("License", 80, AssetsViewModel.Row::license);
        table.getColumns().add(license);
        TableColumn<AssetsViewModel.Row, String> price = column("Price model", 150, AssetsViewModel.Row::priceModel);
        price.setMinWidth(130);
        table.getColumns().add(price);
        license.setMaxWidth(110);
        TableColumn<AssetsViewModel.Row, String> receipts =
                column("Receipts", 72, row -> Long.toString(row.receipts()));
        receipts.setStyle("-fx-alignment: CENTER-RIGHT;");
        receipts.setMinWidth(70);
        receipts.setMaxWidth(80);
        table.getColumns().add(receipts);
        TableColumn<AssetsViewModel.Row, String> earnings = column("This month", 90, AssetsViewModel.Row::earnings);
        earnings.setStyle("-fx-alignment: CENTER-RIGHT;");
        earnings.setMinWidth(90);
        earnings.setMaxWidth(120);
        table.getColumns().add(earnings);
        TableColumn<AssetsViewModel.Row, String> status = column("Status", 150, AssetsViewModel.Row::status);
        status.setMinWidth(165); // "Not uploaded" and its Upload… button, never cut off
        status.setCellFactory(column -> new StatusCell(assets, dialogs));
        table.getColumns().add(status);
        secondary.addAll(List.of(license, price, status));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No assets yet. Press “Register asset…” to add a file or a folder."));
        return table;
    }

    private static TableColumn<AssetsViewModel.Row, String> column(
            String title, double width, Function<AssetsViewModel.Row, String> value) {
        TableColumn<AssetsViewModel.Row, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setMinWidth(Math.min(width, 60));
        column.setCellValueFactory(
                cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())).getReadOnlyProperty());
        return column;
    }

    /** The hash shortened to its ends, the whole of it in a tooltip, and a button that copies it. */
    private static final class HashCell extends TableCell<AssetsViewModel.Row, String> {
        private final Label text = new Label();
        /** One per cell, its text changed as rows come and go: a new Tooltip per row was costly. */
        private final Tooltip hashTip = new Tooltip();

        private final Button copy = new Button("Copy");
        private final HBox box = new HBox(6, text, copy);

        HashCell() {
            text.setTooltip(hashTip);
            box.setAlignment(Pos.CENTER_LEFT);
            text.setMinWidth(Region.USE_PREF_SIZE);
            copy.setMinWidth(Region.USE_PREF_SIZE);
            copy.getStyleClass().add("small-button");
            copy.setOnAction(e -> {
                ClipboardContent content = new ClipboardContent();
                content.putString(getItem());
                Clipboard.getSystemClipboard().setContent(content);
                copy.setText("Copied");
            });
        }

        @Override
        protected void updateItem(String hash, boolean empty) {
            super.updateItem(hash, empty);
            if (empty || hash == null || hash.isEmpty()) {
                setGraphic(null);
                return;
            }
            // The column says SHA-256; the cell shows the digest's ends, the tooltip and Copy all of it.
            String digest = hash.startsWith("sha256:") ? hash.substring("sha256:".length()) : hash;
            text.setText(
                    digest.length() > 14
                            ? digest.substring(0, 8) + "…" + digest.substring(digest.length() - 4)
                            : digest);
            hashTip.setText(hash);
            copy.setText("Copy");
            copy.setId("copy-hash-" + getIndex());
            setGraphic(box);
        }
    }

    /** The upload state; an asset whose content never arrived offers to upload it again. */
    private static final class StatusCell extends TableCell<AssetsViewModel.Row, String> {
        private final AssetsViewModel assets;
        private final DialogService dialogs;
        private final Label text = new Label();
        private final HBox box = new HBox(6, text);
        /** Made for the first row that needs it: most rows never do, and the window starts faster. */
        private Button upload;

        StatusCell(AssetsViewModel assets, DialogService dialogs) {
            this.assets = assets;
            this.dialogs = dialogs;
            box.setAlignment(Pos.CENTER_LEFT);
            text.setMinWidth(Region.USE_PREF_SIZE);
        }

        @Override
        protected void updateItem(String status, boolean empty) {
            super.updateItem(status, empty);
            AssetsViewModel.Row row =
                    getTableRow() == null ? null : getTableRow().getItem();
            if (empty || status == null || row == null) {
                setGraphic(null);
                return;
            }
            text.setText(status);
            if (row.awaitingUpload() && upload == null) {
                upload = uploadButton();
                box.getChildren().add(upload);
            }
            if (upload != null) {
                upload.setVisible(row.awaitingUpload());
                upload.setManaged(row.awaitingUpload());
                upload.setId("upload-again-" + getIndex());
            }
            setGraphic(box);
        }

        private Button uploadButton() {
            Button button = new Button("Upload…");
            button.setMinWidth(Region.USE_PREF_SIZE);
            button.getStyleClass().add("small-button");
            button.setTooltip(new Tooltip("Choose the file again and upload it; it is hashed here first."));
            button.setOnAction(e -> {
                AssetsViewModel.Row row = getTableRow().getItem();
                dialogs.chooseFileToUpload(getScene().getWindow(), row.name())
                        .ifPresent(file -> assets.uploadAgain(row, file));
            });
            return button;
        }
    }
}
