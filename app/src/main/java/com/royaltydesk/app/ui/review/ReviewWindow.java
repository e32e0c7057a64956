package com.royaltydesk.app.ui.review;

import com.royaltydesk.app.ui.common.DialogService;
import java.net.URL;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.text.Font;
import javafx.stage.Stage;

/**
 * Puts the reviewer's desk in a window: the app's look, but text at the size the system asks for
 * (not the creator window's fixed size), and shortcuts for keyboard-only use — Ctrl+O open, Ctrl+E
 * export, Ctrl+T trust; the buttons' underlined letters work with Alt, Tab moves between everything.
 */
public final class ReviewWindow {

    public static final double WIDTH = 1100;
    public static final double HEIGHT = 760;

    private ReviewWindow() {}

    public static ReviewView show(Stage stage, ReviewViewModel viewModel, DialogService dialogs, URL stylesheet) {
        ReviewView view = new ReviewView(viewModel, dialogs);
        // The system's font size, not the 13 px the creator window's style sheet fixes.
        view.setStyle("-fx-font-size: " + Font.getDefault().getSize() + "px;");
        Scene scene = new Scene(view, WIDTH, HEIGHT);
        scene.getStylesheets().add(stylesheet.toExternalForm());
        scene.getAccelerators()
                .put(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), () -> fire(view, "#review-open"));
        scene.getAccelerators()
                .put(
                        new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN),
                        () -> fire(view, "#review-export"));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN), () -> {
            var trust = (javafx.scene.control.MenuButton) view.lookup("#review-trust");
            if (!trust.isDisabled()) {
                trust.show();
            }
        });
        stage.setTitle("Royalty Desk — Review");
        stage.setMinWidth(700);
        stage.setMinHeight(450);
        stage.setScene(scene);
        stage.show();
        return view;
    }

    private static void fire(ReviewView view, String id) {
        var button = (javafx.scene.control.Button) view.lookup(id);
        if (!button.isDisabled()) {
            button.fire();
        }
    }
}
