package com.royaltydesk.app.ui.assets;

import com.royaltydesk.app.ui.common.DialogService;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** The "register an asset" form: content hashed here, license, price model with per-field messages. */
final class RegisterAssetView extends ScrollPane {

    /** The form's first step, focused when the form opens. */
    private Button chooseFile;

    private static final Map<String, String> TYPE_NAMES = Map.of(
            "per_use", "Per token used",
            "rev_share", "Share of the model's revenue",
            "floor_plus", "Monthly floor + per token",
            "subscription_bonus", "Share of a subscription pool");

    RegisterAssetView(RegisterAssetViewModel viewModel, DialogService dialogs) {
        setFitToWidth(true);
        getStyleClass().add("register-asset");
        setId("register-asset");
        Label title = new Label("Register an asset");
        title.getStyleClass().add("panel-title");

        AssetForm fields = viewModel.form();
        VBox form = new VBox(
                10,
                title,
                content(viewModel, dialogs),
                field(
                        "_Name",
                        text(fields.nameProperty(), "asset-name", "What buyers and statements call it"),
                        fields,
                        AssetForm.NAME),
                field("_License", license(fields), fields, AssetForm.LICENSE),
                field("_Paid by", priceType(fields), fields, AssetForm.TYPE),
                priceField(fields, "Ra_te per token", fields.rateProperty(), "price-rate", PriceModelInput.RATE),
                priceField(
                        fields,
                        "_Share of revenue (0–1)",
                        fields.shareProperty(),
                        "price-share",
                        PriceModelInput.SHARE),
                priceField(fields, "Monthly _floor", fields.floorProperty(), "price-floor", PriceModelInput.FLOOR),
                priceField(
                        fields,
                        "Pool _weight (optional, default 1)",
                        fields.weightProperty(),
                        "price-weight",
                        PriceModelInput.WEIGHT),
                field(
                        "C_urrency",
                        text(fields.currencyProperty(), "price-currency", "USD"),
                        fields,
                        PriceModelInput.CURRENCY),
                submit(viewModel));
        form.setPadding(new Insets(4, 12, 12, 12));
        setContent(form);
    }

    /** Puts the keyboard focus on the first step, so the form is usable without the mouse. */
    void focusFirstField() {
        if (chooseFile.getScene() != null) {
            chooseFile.requestFocus();
            return;
        }
        // Just added: the scroll pane puts its content into the scene on the next layout pass.
        chooseFile.sceneProperty().addListener(new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends Scene> obs, Scene old, Scene now) {
                if (now != null) {
                    chooseFile.sceneProperty().removeListener(this);
                    chooseFile.requestFocus();
                }
            }
        });
    }

    private VBox content(RegisterAssetViewModel viewModel, DialogService dialogs) {
        Button file = new Button("Choose f_ile…");
        file.setId("choose-file");
        chooseFile = file;
        file.setOnAction(
                e -> dialogs.chooseFileToRegister(getScene().getWindow()).ifPresent(viewModel::choose));
        Button folder = new Button("Choose f_older…");
        folder.setId("choose-folder");
        folder.setOnAction(e -> dialogs.chooseFolder(getScene().getWindow(), "Register every file in a folder")
                .ifPresent(viewModel::choose));
        file.disableProperty().bind(viewModel.busyProperty());
        folder.disableProperty().bind(viewModel.busyProperty());

        Label source = new Label();
        source.setId("asset-source");
        source.setWrapText(true);
        source.getStyleClass().add("muted");
        source.textProperty().bind(viewModel.content().sourceProperty());

        ProgressBar progress = new ProgressBar();
        progress.setId("hash-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.progressProperty().bind(viewModel.content().progressProperty());
        HBox.setHgrow(progress, Priority.ALWAYS);
        Button cancel = new Button("Cancel");
        cancel.setId("cancel-hashing");
        cancel.setOnAction(e -> viewModel.cancelHashing());
        HBox progressRow = new HBox(8, progress, cancel);
        progressRow.setAlignment(Pos.CENTER_LEFT);
        progressRow.visibleProperty().bind(viewModel.content().hashingProperty());
        progressRow.managedProperty().bind(progressRow.visibleProperty());
        Label progressText = new Label();
        progressText.setId("hash-progress-text");
        progressText.getStyleClass().add("muted");
        progressText.textProperty().bind(viewModel.content().progressTextProperty());
        progressText.visibleProperty().bind(viewModel.content().hashingProperty());
        progressText.managedProperty().bind(progressText.visibleProperty());

        Label summary = new Label();
        summary.setId("hash-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(viewModel.content().summaryProperty());
        summary.visibleProperty().bind(viewModel.content().summaryProperty().isNotEmpty());
        summary.managedProperty().bind(summary.visibleProperty());

        Label explain = new Label("Hashed on this computer; the platform checks the upload against the hash.");
        explain.setWrapText(true);
        explain.getStyleClass().add("muted");
        return new VBox(6, new HBox(8, file, folder), source, progressRow, progressText, summary, explain);
    }

    private static TextField text(StringProperty property, String id, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.textProperty().bindBidirectional(property);
        return field;
    }

    private static ComboBox<String> license(AssetForm form) {
        ComboBox<String> license = new ComboBox<>(FXCollections.observableList(AssetForm.LICENSES));
        license.setId("asset-license");
        license.setEditable(true);
        license.setMaxWidth(Double.MAX_VALUE);
        license.setPromptText("cc-by-4.0, or licenseref-<name>");
        license.valueProperty().bindBidirectional(form.licenseProperty());
        // Typing a custom license counts at once, not only when the field loses focus.
        license.getEditor()
                .textProperty()
                .addListener((obs, old, now) -> form.licenseProperty().set(now));
        return license;
    }

    private static ComboBox<String> priceType(AssetForm form) {
        ComboBox<String> type = new ComboBox<>(FXCollections.observableList(PriceModelInput.TYPES));
        type.setId("price-type");
        type.setMaxWidth(Double.MAX_VALUE);
        type.setConverter(new StringConverter<>() {
            @Override
            public String toString(String value) {
                return value == null ? "" : TYPE_NAMES.getOrDefault(value, value);
            }

            @Override
            public String fromString(String text) {
                return TYPE_NAMES.entrySet().stream()
                        .filter(e -> e.getValue().equals(text))
                        .map(Map.Entry::getKey)
                        .findFirst()
                        .orElse(text);
            }
        });
        type.valueProperty().bindBidirectional(form.priceTypeProperty());
        return type;
    }

    /** A price-model field, shown only for the models that use it. */
    private static VBox priceField(AssetForm form, String label, StringProperty value, String id, String field) {
        VBox box = field(label, text(value, id, ""), form, field);
        box.visibleProperty()
                .bind(Bindings.createBooleanBinding(
                        () -> PriceModelInput.fieldsOf(form.priceTypeProperty().get())
                                .contains(field),
                        form.priceTypeProperty()));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    /** A labelled input with its message right under it, in the error colour. */
    private static VBox field(String label, Node input, AssetForm form, String field) {
        // Alt and the underlined letter moves the focus to the input; screen readers name it too.
        Label caption = new Label(label);
        caption.setMnemonicParsing(true);
        caption.setLabelFor(input);
        caption.getStyleClass().add("settings-label");
        Label error = new Label();
        error.setId("error-" + field.replace('_', '-'));
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.textProperty().bind(form.errorProperty(field));
        error.visibleProperty().bind(form.errorProperty(field).isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        return new VBox(3, caption, input, error);
    }

    private static VBox submit(RegisterAssetViewModel viewModel) {
        Button register = new Button("_Register and upload");
        register.setId("register-asset-button");
        register.setDefaultButton(true);
        register.disableProperty().bind(viewModel.canRegisterProperty().not());
        register.setOnAction(e -> viewModel.register());
        Label status = new Label();
        status.setId("register-status");
        status.setWrapText(true);
        status.textProperty().bind(viewModel.statusProperty());
        return new VBox(8, register, status);
    }
}
