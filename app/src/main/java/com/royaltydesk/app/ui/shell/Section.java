package com.royaltydesk.app.ui.shell;

/** The views the sidebar leads to, in sidebar order. */
public enum Section {
    GET_STARTED("Get started"),
    ASSETS("Assets"),
    RECEIPTS("Receipts"),
    EARNINGS("Earnings"),
    PRICING("Price simulator"),
    DEMOS("Demos"),
    WEBHOOKS("Webhooks"),
    SETTINGS("Settings");

    private final String title;

    Section(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    @Override
    public String toString() {
        return title;
    }
}
