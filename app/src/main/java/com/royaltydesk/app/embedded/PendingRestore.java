package com.royaltydesk.app.embedded;

import com.royaltydesk.platform.backup.Backups;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Optional;

/**
 * A restore the user chose in Settings, applied the next time the bundled platform starts: a
 * database cannot be swapped under a running platform, so the choice is written down
 * ({@value #PENDING}) and {@link EmbeddedPlatform#start} restores before it opens the database.
 * What happened is written to {@value #LAST} for Settings to show.
 */
public final class PendingRestore {

    static final String PENDING = "restore-pending.txt";
    static final String LAST = "last-restore.txt";

    private PendingRestore() {}

    /** Chooses {@code backup} to be restored at the next start. */
    public static void schedule(Path platformDataDir, Path backup) throws IOException {
        Files.createDirectories(platformDataDir);
        Files.writeString(
                platformDataDir.resolve(PENDING), backup.toAbsolutePath().toString());
    }

    /** The backup waiting to be restored, if one is. */
    public static Optional<Path> scheduled(Path platformDataDir) throws IOException {
        Path pending = platformDataDir.resolve(PENDING);
        return Files.exists(pending)
                ? Optional.of(Path.of(Files.readString(pending).strip()))
                : Optional.empty();
    }

    /** What the last restore did, in words, if there was one. */
    public static Optional<String> lastRestore(Path platformDataDir) throws IOException {
        Path last = platformDataDir.resolve(LAST);
        return Files.exists(last) ? Optional.of(Files.readString(last).strip()) : Optional.empty();
    }

    /**
     * Restores the scheduled backup, if any. The choice is consumed first, so a backup that turns
     * out damaged is refused once, in words, and the next start opens the database as it was.
     */
    static void applyIfScheduled(Path platformDataDir) {
        try {
            Optional<Path> backup = scheduled(platformDataDir);
            if (backup.isEmpty()) {
                return;
            }
            Files.delete(platformDataDir.resolve(PENDING));
            Backups.Restored restored = Backups.restore(backup.get(), platformDataDir, Instant.now());
            String when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
                    .withZone(ZoneId.systemDefault())
                    .format(restored.backupCreatedAt());
            Files.writeString(
                    platformDataDir.resolve(LAST),
                    "Restored the backup of " + when + " from " + backup.get() + " at the last start;"
                            + " the files it replaced were kept beside them ("
                            + restored.setAside().size()
                            + " set aside).");
        } catch (IOException e) {
            throw new IllegalStateException("The chosen backup could not be restored: " + e.getMessage(), e);
        }
    }
}
