package com.royaltydesk.platform.keys;

import com.royaltydesk.platform.db.Jdbc;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outside sandbox mode, someone must hold the first platform key. When the database has no live
 * platform key, one is made and written to {@value #FILE_NAME} in the data dir (owner-only); the
 * operator moves it to a secret store and deletes the file. Keys are stored only as hashes, so
 * this file is the one place the key is ever seen.
 */
public final class PlatformKeyBootstrap {

    public static final String FILE_NAME = "initial-platform-key";
    private static final Logger LOG = LoggerFactory.getLogger(PlatformKeyBootstrap.class);

    private final Jdbc jdbc;
    private final ApiKeyService keys;

    public PlatformKeyBootstrap(Jdbc jdbc, ApiKeyService keys) {
        this.jdbc = jdbc;
        this.keys = keys;
    }

    /** Makes the first platform key if there is none; true when it did. */
    public boolean runOnce(Path dataDir) {
        return jdbc.inTransaction(c -> {
            if (keys.anyLive(c, Role.PLATFORM)) {
                return false;
            }
            String secret = keys.issue(c, Role.PLATFORM, null).secret();
            write(dataDir.resolve(FILE_NAME), secret);
            LOG.warn(
                    "Created the first platform API key in {}; store it safely and delete the file.",
                    dataDir.resolve(FILE_NAME));
            return true;
        });
    }

    private static void write(Path target, String secret) {
        try {
            Path temp = Files.createTempFile(target.getParent(), ".platform-key", ".tmp");
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            }
            Files.writeString(temp, secret + "\n", StandardCharsets.US_ASCII);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + target, e);
        }
    }
}
