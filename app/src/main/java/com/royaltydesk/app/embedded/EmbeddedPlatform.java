package com.royaltydesk.app.embedded;

import com.fasterxml.jackson.databind.JsonNode;
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
    private final Path credentialsFile;
    private final String creatorId;
    private final String creatorKey;
    private final String platformKey;
    private final String hostKey;

    private EmbeddedPlatform(PlatformServer server) {
        this.server = server;
        // Taken now: once the server stops, its port is gone, and callers may still ask.
        this.baseUrl = server.baseUrl();
        // Read here, on the starting thread, so the FX thread never touches the file.
        this.credentialsFile = server.config().dataDir().resolve(SandboxCredentials.FILE_NAME);
        JsonNode credentials = read(credentialsFile);
        JsonNode creator = credentials.at("/creators/0");
        this.creatorId = creator.path("creator_id").asText();
        this.creatorKey = creator.path("api_key").asText();
        this.platformKey = credentials.path("platform_key").asText();
        this.hostKey = credentials.path("host_key").asText();
    }

    /**
     * Starts it (migrating its database), after restoring a backup the user chose in Settings, if
     * any; slow, so never on the FX thread.
     */
    public static EmbeddedPlatform start(Path dataDir) {
        return start(dataDir, false);
    }

    /** As {@link #start(Path)}; a new sandbox with {@code demoHistory} starts with a year of it. */
    public static EmbeddedPlatform start(Path dataDir, boolean demoHistory) {
        PendingRestore.applyIfScheduled(dataDir);
        PlatformConfig config = PlatformConfig.embedded(dataDir);
        PlatformServer server = PlatformServer.start(demoHistory ? config.withDemoHistory() : config);
        try {
            return new EmbeddedPlatform(server);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * Whether starting on {@code dataDir} will make the demo history: asked before the start, so the
     * window can say why this first start takes longer. A sandbox whose database exists has its past.
     */
    public static boolean willMakeDemoHistory(Path dataDir, boolean demoHistory) {
        return demoHistory && !java.nio.file.Files.exists(com.royaltydesk.platform.db.UnopenableDatabase.file(dataDir));
    }

    /** What this start made when the sandbox was new and got its demo history, in words; empty otherwise. */
    public java.util.Optional<String> demoHistory() {
        return server.demoHistory().map(com.royaltydesk.platform.sandbox.DemoHistory.Summary::words);
    }

    public String baseUrl() {
        return baseUrl;
    }

    /**
     * What this start did when it found the platform's database damaged and rebuilt it from a backup
     * and the journals, in words for the window; empty on every ordinary start.
     */
    public java.util.Optional<String> rebuilt() {
        return server.rebuilt();
    }

    /** The sandbox creator's key from the bootstrap file, which is what the app signs in with. */
    public String sandboxCreatorKey() {
        return creatorKey;
    }

    /** The id of the creator the app signs in as, for Settings to show. */
    public String sandboxCreatorId() {
        return creatorId;
    }

    /** Where the sandbox keys are, so a user can find the key the app signed in with. */
    public Path sandboxCredentialsFile() {
        return credentialsFile;
    }

    /** The sandbox's platform key: the app uses it only for demo actions (recording training). */
    public String sandboxPlatformKey() {
        return platformKey;
    }

    /** The sandbox's model-host key: the app uses it only for demo actions (sending usage). */
    public String sandboxHostKey() {
        return hostKey;
    }

    private static JsonNode read(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
