package com.royaltydesk.platform.http;

import com.royaltydesk.platform.db.Database;
import io.javalin.config.JavalinConfig;

/** The one place that lists every route the platform serves. */
public final class Routes {

    static final String JSON_UTF8 = "application/json; charset=utf-8";

    private Routes() {}

    public static void install(JavalinConfig config, Database database) {
        HealthHandler health = new HealthHandler(database);
        config.routes.get("/health", health::get);

        // SPEC §1 names the charset; Javalin's json() leaves it out.
        config.routes.after(ctx -> {
            if ("application/json".equals(ctx.res().getContentType())) {
                ctx.contentType(JSON_UTF8);
            }
        });
    }
}
