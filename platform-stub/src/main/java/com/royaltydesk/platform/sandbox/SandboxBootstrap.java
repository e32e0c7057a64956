package com.royaltydesk.platform.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.royaltydesk.platform.creators.CreatorService;
import com.royaltydesk.platform.db.Jdbc;
import com.royaltydesk.platform.keys.ApiKeyService;
import com.royaltydesk.platform.keys.Role;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

/**
 * First start of a sandbox: makes a platform key, a host key and creator {@value #DEMO_CREATOR}
 * with its key, and writes them to {@link SandboxCredentials#FILE_NAME}. Runs once per database;
 * never in non-sandbox mode (the caller decides).
 */
public final class SandboxBootstrap {

    public static final String DEMO_CREATOR = "creator_42";
    private static final String MARKER = "sandbox_bootstrapped_at";

    private final Jdbc jdbc;
    private final ApiKeyService keys;
    private final CreatorService creators;
    private final ObjectMapper mapper;
    private final Clock clock;

    public SandboxBootstrap(Jdbc jdbc, ApiKeyService keys, CreatorService creators, ObjectMapper mapper, Clock clock) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.creators = creators;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Bootstraps unless already done; returns true when it did. */
    public boolean runOnce(Path dataDir) {
        return jdbc.inTransaction(connection -> {
            if (alreadyDone(connection)) {
                return false;
            }
            String platformKey = keys.issue(connection, Role.PLATFORM, null).secret();
            String hostKey = keys.issue(connection, Role.HOST, null).secret();
            CreatorService.SignUp creator = creators.signUp(connection, DEMO_CREATOR, "Sandbox creator");
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

    private static boolean alreadyDone(Connection connection) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT 1 FROM platform_settings WHERE setting_name = ? FOR UPDATE")) {
            select.setString(1, MARKER);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    private void markDone(Connection connection) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO platform_settings (setting_name, setting_value, updated_at) VALUES (?, ?, ?)")) {
            Timestamp now = Timestamp.from(clock.instant());
            insert.setString(1, MARKER);
            insert.setString(2, now.toInstant().toString());
            insert.setTimestamp(3, now);
            insert.executeUpdate();
        }
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
