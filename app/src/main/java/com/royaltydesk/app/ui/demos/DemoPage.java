package com.royaltydesk.app.ui.demos;

import java.util.List;

/** A static demo page the platform serves under {@code /demos/}. */
public record DemoPage(String file, String title) {

    public static final List<DemoPage> ALL = List.of(
            new DemoPage("index.html", "All demos"),
            new DemoPage("demo-request-receipt.html", "Request a sandbox receipt"),
            new DemoPage("demo-verify.html", "Verify a receipt"),
            new DemoPage("demo-billing-preview.html", "Billing preview"),
            new DemoPage("demo-bundle-verify.html", "Verify a bundle offline"));

    @Override
    public String toString() {
        return title;
    }
}
