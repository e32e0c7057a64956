package com.royaltydesk.app.ui.settings;

/** The window's colours: the style class on the scene root selects the palette in app.css. */
public enum Theme {
    LIGHT,
    DARK
}
