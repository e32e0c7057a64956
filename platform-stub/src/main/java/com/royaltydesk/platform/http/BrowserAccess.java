package com.royaltydesk.platform.http;

import com.royaltydesk.platform.core.ApiException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.util.List;

/**
 * What browsers get: the static demo pages under {@code /demos/} (from the jar), and CORS so those
 * pages work from any CDN or a {@code file://} copy. The standalone sandbox answers any origin;
 * otherwise only the configured ones ({@code --cors-origin}), and none when none are configured.
 * The platform embedded in the desktop app is the app's alone (decision 0016): no CORS at all, a
 * request whose {@code Host} is not its own loopback address and port is refused (DNS rebinding),
 * and so is one whose {@code Origin} is another site's.
 */
public final class BrowserAccess {

    /** Who may call from a browser; the platform's configuration is one. */
    public interface Settings {
        /** Only the embedded app's own loopback origin. */
        boolean appOnly();

        boolean sandbox();

        /** Origins allowed by name; empty for none (any origin in a sandbox). */
        List<String> corsOrigins();
    }

    private BrowserAccess() {}

    public static void install(JavalinConfig config, Settings platform) {
        config.staticFiles.add(files -> {
            files.hostedPath = "/demos";
            files.directory = "/demos";
            files.location = Location.CLASSPATH;
        });
        if (platform.appOnly()) {
            config.routes.before(BrowserAccess::onlyThisApp);
        } else if (platform.sandbox() && platform.corsOrigins().isEmpty()) {
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

    /** The embedded platform answers its own loopback origin only. */
    private static void onlyThisApp(Context ctx) {
        int port = ctx.req().getLocalPort(); // the socket's, not the one the Host header claims
        String host = ctx.header("Host");
        if (host == null || !ownAddress(host, port)) {
            throw new ApiException(
                    ApiException.Kind.FORBIDDEN,
                    "host_not_allowed",
                    "This platform belongs to the app running it and answers only its own address.",
                    null);
        }
        String origin = ctx.header("Origin");
        if (origin != null && !ownAddress(origin.replaceFirst("^http://", ""), port)) {
            throw new ApiException(
                    ApiException.Kind.FORBIDDEN,
                    "origin_not_allowed",
                    "This platform belongs to the app running it; other sites may not call it.",
                    null);
        }
    }

    private static boolean ownAddress(String hostAndPort, int port) {
        String lower = hostAndPort.toLowerCase(java.util.Locale.ROOT);
        return lower.equals("127.0.0.1:" + port) || lower.equals("localhost:" + port) || lower.equals("[::1]:" + port);
    }
}
