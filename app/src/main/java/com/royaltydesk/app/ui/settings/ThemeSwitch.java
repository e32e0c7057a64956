package com.royaltydesk.app.ui.settings;

import javafx.beans.value.ObservableValue;
import javafx.scene.Parent;

/** Keeps the window's root style class in step with the chosen theme; app.css does the rest. */
public final class ThemeSwitch {

    static final String DARK_CLASS = "dark";

    private ThemeSwitch() {}

    public static void follow(ObservableValue<Theme> theme, Parent root) {
        apply(theme.getValue(), root);
        theme.addListener((obs, old, now) -> apply(now, root));
    }

    private static void apply(Theme theme, Parent root) {
        root.getStyleClass().remove(DARK_CLASS);
        if (theme == Theme.DARK) {
            root.getStyleClass().add(DARK_CLASS);
        }
    }
}
