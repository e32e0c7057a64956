package com.royaltydesk.app.ui.shell;

/** The views the sidebar leads to, in sidebar order, each with what it will hold. */
public enum Section {
    GET_STARTED(
            "Get started",
            "Create your creator account, see where your identity check stands, register your first"
                    + " asset, and on the sandbox watch training receipts and usage arrive."),
    ASSETS(
            "Assets",
            "Register the files and datasets you license for training. Royalty Desk hashes them on"
                    + " your machine, records the license and price model, and lists each asset with"
                    + " its receipts and this period's earnings."),
    RECEIPTS(
            "Receipts",
            "Every proof-of-training receipt issued for your content, with a live signature check"
                    + " against the platform's public keys and its append-only log. Export a receipt"
                    + " bundle that anyone can verify offline."),
    EARNINGS(
            "Earnings",
            "Earnings over time by asset and model, the billing preview for the open period,"
                    + " balances pending, available and held, payouts with their status, and"
                    + " statements as CSV or PDF."),
    DEMOS(
            "Demos",
            "The static demo pages served by the platform, previewed here against live data, ready"
                    + " to open in a browser or export for a CDN."),
    WEBHOOKS(
            "Webhooks",
            "Endpoints that receive signed settlement, payout, dispute and receipt events, with"
                    + " each delivery's attempts and status, and a redeliver button."),
    SETTINGS(
            "Settings",
            "Which platform this window talks to — the bundled sandbox or a remote one with its API"
                    + " key — where your data lives, and the light or dark theme.");

    private final String title;
    private final String description;

    Section(String title, String description) {
        this.title = title;
        this.description = description;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return title;
    }
}
