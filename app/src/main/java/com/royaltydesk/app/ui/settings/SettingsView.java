package com.royaltydesk.app.ui.settings;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Connection, sign-in, data folder and theme. */
public final class SettingsView extends VBox {

    public SettingsView(SettingsViewModel viewModel) {
        setId("page-settings");
        getStyleClass().add("settings-view");
        setSpacing(16);
        Label title = new Label("Settings");
        title.getStyleClass().add("empty-state-title");

        GridPane grid = new GridPane();
        grid.setHgap(16);
        grid.setVgap(10);
        row(grid, 0, "Platform", bound(viewModel.connectionProperty(), "settings-connection"));
        row(grid, 1, "Signed in as", bound(viewModel.signedInAsProperty(), "settings-identity"));
        Label folder = new Label(viewModel.dataFolder());
        folder.setId("settings-data-folder");
        row(grid, 2, "Data folder", folder);

        ToggleGroup themes = new ToggleGroup();
        RadioButton light = new RadioButton("Light");
        RadioButton dark = new RadioButton("Dark");
        light.setId("theme-light");
        dark.setId("theme-dark");
        light.setToggleGroup(themes);
        dark.setToggleGroup(themes);
        (viewModel.themeProperty().get() == Theme.DARK ? dark : light).setSelected(true);
        light.setOnAction(e -> viewModel.themeProperty().set(Theme.LIGHT));
        dark.setOnAction(e -> viewModel.themeProperty().set(Theme.DARK));
        row(grid, 3, "Theme", new HBox(16, light, dark));

        Label later = new Label("Connecting to a remote platform with your own API key comes in a later release.");
        later.getStyleClass().add("muted");
        Label problem = bound(viewModel.saveProblemProperty(), "settings-save-problem");
        problem.getStyleClass().add("error-text");
        problem.visibleProperty().bind(viewModel.saveProblemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        getChildren().addAll(title, grid, problem, later);
        setPadding(new Insets(8));
    }

    private static Label bound(javafx.beans.value.ObservableValue<String> text, String id) {
        Label label = new Label();
        label.setId(id);
        label.setWrapText(true);
        label.textProperty().bind(text);
        return label;
    }

    private static void row(GridPane grid, int index, String name, javafx.scene.Node value) {
        Label label = new Label(name);
        label.getStyleClass().add("settings-label");
        grid.addRow(index, label, value);
    }
}
