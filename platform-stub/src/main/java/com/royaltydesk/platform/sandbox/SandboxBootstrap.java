package com.royaltydesk.platform.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.royaltydesk.platform.assets.AssetRegistration;
import com.royaltydesk.platform.assets.AssetService;
import com.royaltydesk.platform.assets.PriceModel;
import com.royaltydesk.platform.creators.CreatorService;
import com.royaltydesk.platform.db.Jdbc;
import com.royaltydesk.platform.db.PlatformSettings;
import com.royaltydesk.platform.hosts.HostService;
import com.royaltydesk.platform.keys.ApiKeyService;
import com.royaltydesk.platform.keys.Role;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * First start of a sandbox: makes a platform key, a host key, creator {@value #DEMO_CREATOR} with
 * its key and the demo dataset {@value #DEMO_DATASET} that sandbox receipts name, and writes them to {@link SandboxCredentials#FILE_NAME}. Runs once per database;
 * never in non-sandbox mode (the caller decides).
 */
public final class SandboxBootstrap {

    public static final String DEMO_CREATOR = "creator_42";
    public static final String DEMO_DATASET = "ds_sandbox_demo";
    public static final String DEMO_HOST = "host_sandbox";

    /** The demo dataset's content; its hash is what the demo asset registers. */
    public static final byte[] DEMO_CONTENT =
            "Royalty Desk sandbox demo dataset\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private static final String MARKER = "sandbox_bootstrapped_at";

    private final Jdbc jdbc;
    private final ApiKeyService keys;
    private final CreatorService creators;
    private final AssetService assets;
    private final HostService hosts;
    private final ObjectMapper mapper;
    private final Clock clock;

    public SandboxBootstrap(
            Jdbc jdbc,
            ApiKeyService keys,
            CreatorService creators,
            AssetService assets,
            HostService hosts,
            ObjectMapper mapper,
            Clock clock) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.creators = creators;
        this.assets = assets;
        this.hosts = hosts;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Whether this database was bootstrapped already (it is not a new sandbox). */
    public boolean isDone() {
        return jdbc.inTransaction(SandboxBootstrap::alreadyDone);
    }

    /** Bootstraps unless already done; returns true when it did. */
    public boolean runOnce(Path dataDir) {
        return bootstrap(dataDir);
    }

    private boolean bootstrap(Path dataDir) {
        return jdbc.inTransaction(connection -> {
            if (alreadyDone(connection)) {
                return false;
            }
            String platformKey = keys.issue(connection, Role.PLATFORM, null).secret();
            String hostKey =
                    hosts.register(connection, DEMO_HOST, "Sandbox host").key().secret();
            hosts.serveEveryModel(connection, DEMO_HOST);
            CreatorService.SignUp creator = creators.signUp(connection, DEMO_CREATOR, "Sandbox creator");
            // The sandbox holds the demo dataset's bytes, so its content is proven with the rest, in
            // one transaction: a newcomer's first Assets page shows it checked, and proof-of-training
            // (which names only proven content) works at once.
            assets.registerProven(connection, DEMO_DATASET, DEMO_CREATOR, demoAsset(), DEMO_CONTENT);
            markDone(connection);
            // Written before commit: if the commit fails, the next start makes fresh keys and
            // overwrites the file, so the file never names keys the database does not know.
            write(
                    dataDir,
                    new SandboxCredentials(
                            platformKey,
                            hostKey,
                            List.of(new SandboxCredentials.Creator(
                                    creator.creatorId(), creator.key().secret()))));
            return true;
        });
    }

    private static AssetRegistration demoAsset() {
        String sha256;
        try {
            sha256 = java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(DEMO_CONTENT));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        return new AssetRegistration(
                "Sandbox demo dataset",
                "The dataset sandbox receipts name; for demos only.",
                "cc-by-4.0",
                new PriceModel("per_use", new java.math.BigDecimal("0.0001"), null, null, null, "USD"),
                List.of("sha256:" + sha256),
                (long) DEMO_CONTENT.length);
    }

    private static boolean alreadyDone(Connection connection) throws SQLException {
        return PlatformSettings.lockedValue(connection, MARKER) != null;
    }

    private void markDone(Connection connection) throws SQLException {
        Instant now = clock.instant();
        PlatformSettings.insert(connection, MARKER, now.toString(), now);
    }

    private void write(Path dataDir, SandboxCredentials credentials) {
        Path target = dataDir.resolve(SandboxCredentials.FILE_NAME);
        try {
            Path temp = Files.createTempFile(dataDir, ".sandbox-credentials", ".tmp");
            restrictToOwner(temp);
            mapper.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), credentials);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + target, e);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } else {
            // Windows: the temp file inherits the user-private ACL of the per-user data folder.
            file.toFile().setReadable(false, false);
            file.toFile().setReadable(true, true);
        }
    }
}
