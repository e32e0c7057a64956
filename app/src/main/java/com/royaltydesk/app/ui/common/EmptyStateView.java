package com.royaltydesk.app.ui.common;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** A page that says what will be there, for a view whose features have not arrived yet. */
public final class EmptyStateView extends VBox {

    private static final double MAX_TEXT_WIDTH = 520;
    private static final double CARD_PADDING = 48;

    public EmptyStateView(String title, String description, String note) {
        getStyleClass().add("empty-state");
        setAlignment(Pos.CENTER);
        // A card of its own size, centred in the page, rather than a panel filling it.
        setMaxSize(MAX_TEXT_WIDTH + 2 * CARD_PADDING, USE_PREF_SIZE);

        Label heading = new Label(title);
        heading.getStyleClass().add("empty-state-title");

        Label body = new Label(description);
        body.getStyleClass().add("empty-state-body");
        body.setWrapText(true);
        body.setMaxWidth(MAX_TEXT_WIDTH);
        body.setAlignment(Pos.CENTER);

        Label hint = new Label(note);
        hint.getStyleClass().add("empty-state-note");
        hint.setWrapText(true);
        hint.setMaxWidth(MAX_TEXT_WIDTH);
        hint.setAlignment(Pos.CENTER);

        getChildren().addAll(heading, body, hint);
    }
}
