package com.royaltydesk.app.api;

/** {@code GET /health}: {@code status} is "ok" when the platform and its database answer. */
public record HealthResponse(String status, String version) {

    public boolean isOk() {
        return "ok".equals(status);
    }
}
