package com.royaltydesk.app.ui.status;

import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.shape.Circle;
import org.controlsfx.control.StatusBar;

/** The window's bottom bar: a health light and message on the left, the platform URL on the right. */
public final class StatusBarView extends StatusBar {

    private static final double LIGHT_RADIUS = 5;

    public StatusBarView(StatusBarViewModel viewModel) {
        getStyleClass().add("app-status-bar");
        setId("status-bar");

        Circle light = new Circle(LIGHT_RADIUS);
        light.getStyleClass().add("health-light");
        viewModel.statusProperty().addListener((obs, old, now) -> showStatus(light, now));
        showStatus(light, viewModel.statusProperty().get());
        setGraphic(light);
        textProperty().bind(viewModel.messageProperty());

        Label url = new Label();
        url.setId("platform-url");
        url.getStyleClass().add("platform-url");
        url.textProperty()
                .bind(Bindings.when(viewModel.platformUrlProperty().isEmpty())
                        .then("no platform yet")
                        .otherwise(viewModel.platformUrlProperty()));
        url.setTooltip(new Tooltip("The platform this window talks to"));

        Button retry = new Button("Check now");
        retry.setId("check-now");
        retry.setOnAction(event -> viewModel.checkNow());
        retry.disableProperty()
                .bind(viewModel
                        .checkingProperty()
                        .or(viewModel.platformUrlProperty().isEmpty()));

        getRightItems().addAll(url, retry);
    }

    private static void showStatus(Circle light, PlatformStatus status) {
        light.getStyleClass().removeIf(style -> style.startsWith("status-"));
        light.getStyleClass()
                .add("status-"
                        + status.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    }
}
