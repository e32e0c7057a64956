package com.royaltydesk.platform.http;

import com.royaltydesk.platform.PlatformConfig;
import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;

/**
 * What browsers get: the static demo pages under {@code /demos/} (from the jar), and CORS so those
 * pages work from any CDN or a {@code file://} copy. Sandbox mode answers any origin; otherwise
 * only the configured ones ({@code --cors-origin}), and none when none are configured.
 */
public final class BrowserAccess {

    private BrowserAccess() {}

    public static void install(JavalinConfig config, PlatformConfig platform) {
        config.staticFiles.add(files -> {
            files.hostedPath = "/demos";
            files.directory = "/demos";
            files.location = Location.CLASSPATH;
        });
        if (platform.sandbox() && platform.corsOrigins().isEmpty()) {
            config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                rule.anyHost();
                rule.exposeHeader("Retry-After");
            }));
        } else if (!platform.corsOrigins().isEmpty()) {
            config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                String first = platform.corsOrigins().get(0);
                rule.allowHost(
                        first,
                        platform.corsOrigins()
                                .subList(1, platform.corsOrigins().size())
                                .toArray(String[]::new));
                rule.exposeHeader("Retry-After");
            }));
        }
    }
}
