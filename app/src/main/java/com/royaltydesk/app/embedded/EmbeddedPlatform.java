package com.royaltydesk.app.embedded;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.royaltydesk.platform.PlatformConfig;
import com.royaltydesk.platform.PlatformServer;
import com.royaltydesk.platform.sandbox.SandboxCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    /** The sandbox creator's key from the bootstrap file, which is what the app signs in with. */
    public String sandboxCreatorKey() {
        return sandboxCreator("api_key");
    }

    /** The id of the creator the app signs in as, for Settings to show. */
    public String sandboxCreatorId() {
        return sandboxCreator("creator_id");
    }

    /** Where the sandbox keys are, so a user can find the key the app signed in with. */
    public Path sandboxCredentialsFile() {
        return server.config().dataDir().resolve(SandboxCredentials.FILE_NAME);
    }

    private String sandboxCreator(String field) {
        Path file = sandboxCredentialsFile();
        try {
            return new ObjectMapper()
                    .readTree(file.toFile())
                    .at("/creators/0/" + field)
                    .asText();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
