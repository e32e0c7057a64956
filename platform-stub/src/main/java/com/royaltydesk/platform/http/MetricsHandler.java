package com.royaltydesk.platform.http;

import com.royaltydesk.platform.keys.Role;
import com.royaltydesk.platform.metrics.PlatformMetrics;
import io.javalin.http.Context;

/**
 * {@code GET /metrics}: the Prometheus text exposition, for the platform key only — volumes and
 * money flows are the operator's business, not every caller's (README: a scrape config with it).
 */
public final class MetricsHandler {

    private final PlatformMetrics metrics;
    private final Auth auth;

    public MetricsHandler(PlatformMetrics metrics, Auth auth) {
        this.metrics = metrics;
        this.auth = auth;
    }

    public void get(Context ctx) {
        auth.require(ctx, Role.PLATFORM);
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }
}
