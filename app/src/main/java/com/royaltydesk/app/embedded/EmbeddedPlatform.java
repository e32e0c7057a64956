package com.royaltydesk.app.embedded;

import com.royaltydesk.platform.PlatformConfig;
import com.royaltydesk.platform.PlatformServer;
import java.nio.file.Path;

/**
 * The bundled platform, run in-process on a free loopback port in sandbox mode. The only class in
 * the app that touches platform internals: everything else reaches it over HTTP like a remote one.
 */
public final class EmbeddedPlatform implements AutoCloseable {

    private final PlatformServer server;
    private final String baseUrl;

    private EmbeddedPlatform(PlatformServer server) {
        this.server = server;
        // Taken now: once the server stops, its port is gone, and callers may still ask.
        this.baseUrl = server.baseUrl();
    }

    /** Starts it (migrating its database); slow, so never on the FX thread. */
    public static EmbeddedPlatform start(Path dataDir) {
        return new EmbeddedPlatform(PlatformServer.start(PlatformConfig.embedded(dataDir)));
    }

    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public void close() {
        server.close();
    }
}
