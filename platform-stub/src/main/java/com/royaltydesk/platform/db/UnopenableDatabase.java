package com.royaltydesk.platform.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStoreException;

/**
 * What the platform does when its own H2 file cannot be opened because the file is damaged (a
 * crash H2 did not survive, decision 0017): it moves the file aside — never deletes it — and
 * leaves a note in the data folder saying where it went and what to do. Until the note is removed
 * every start refuses with the same words, so a damaged database never turns silently into an
 * empty one. A file that is only locked by another process, or a wrong login, is not damage and is
 * never moved.
 */
public final class UnopenableDatabase {

    /** The note left in the data folder while a damaged database is set aside. */
    public static final String NOTE = "DATABASE-MOVED-ASIDE.txt";

    private static final String FILE = "royaltydesk.mv.db";
    private static final int FILE_CORRUPTED = 90030;
    private static final int ALREADY_OPEN = 90020;
    private static final int GENERAL_ERROR = 50000;
    private static final int ROW_NOT_FOUND_IN_PRIMARY_INDEX = 90143;
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private UnopenableDatabase() {}

    /** Refuses to start while a damaged database is set aside and its note is still there. */
    public static void refuseWhileSetAside(Path dataDir) {
        Path note = dataDir.resolve(NOTE);
        if (Files.exists(note)) {
            try {
                throw new IllegalStateException(Files.readString(note).strip());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + note, e);
            }
        }
    }

    /**
     * True when opening failed because H2 found its file damaged — never when it is locked by
     * another process (another platform may be running on it), nor for a login or URL problem.
     */
    public static boolean isDamage(Throwable failure) {
        return isDamage(failure, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
    }

    /** Walks causes and suppressed exceptions: H2 sometimes reports the damage only as a suppressed one. */
    private static boolean isDamage(Throwable failure, java.util.Set<Throwable> seen) {
        boolean damage = false;
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause instanceof DamagedDatabaseException) {
                return true;
            }
            if (cause instanceof SQLException sql) {
                if (sql.getErrorCode() == ALREADY_OPEN) {
                    return false;
                }
                damage |= sql.getErrorCode() == FILE_CORRUPTED
                        || sql.getErrorCode() == GENERAL_ERROR && mentionsStoreFailure(sql);
            }
            if (cause instanceof MVStoreException store) {
                if (store.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                    return false;
                }
                damage |= store.getErrorCode() == DataUtils.ERROR_FILE_CORRUPT
                        || store.getErrorCode() == DataUtils.ERROR_CHUNK_NOT_FOUND
                        || store.getErrorCode() == DataUtils.ERROR_BLOCK_NOT_FOUND;
            }
            for (Throwable suppressed : cause.getSuppressed()) {
                damage |= isDamage(suppressed, seen);
            }
        }
        return damage;
    }

    /**
     * True when the start's own writes, before anything is served, failed on damage the open did
     * not report: a damaged file as {@link #isDamage} sees it, or an index entry whose row is gone
     * from its table. While serving, H2 raises that second error for a row a concurrent transaction
     * deleted; at start nothing else runs, so there it can only be damage (seen after a kill -9).
     */
    public static boolean isDamageFoundAtStart(Throwable failure) {
        return isDamage(failure) || rowMissingFromPrimaryIndex(failure) != null;
    }

    private static SQLException rowMissingFromPrimaryIndex(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getErrorCode() == ROW_NOT_FOUND_IN_PRIMARY_INDEX) {
                return sql;
            }
        }
        return null;
    }

    private static boolean mentionsStoreFailure(SQLException sql) {
        String message = String.valueOf(sql.getMessage());
        // "Unexpected code path": H2's internal error when the file's own metadata does not add up.
        return message.contains("StackOverflowError")
                || message.contains("Unexpected code path")
                || message.contains("MVStoreException")
                || message.contains("File corrupted")
                || sql.getCause() instanceof StackOverflowError;
    }

    /** The data folder's own H2 database file. */
    public static Path file(Path dataDir) {
        return dataDir.resolve(FILE);
    }

    /**
     * Moves the damaged file aside (never deleting it) and returns where it now lies; throws the
     * refusal to start when it cannot be moved.
     */
    public static Path moveAside(Path dataDir, Throwable failure, Instant now) {
        Path file = dataDir.resolve(FILE);
        Path aside = dataDir.resolve(FILE + ".unopenable-" + STAMP.format(now));
        try {
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
            return aside;
        } catch (IOException e) {
            throw new IllegalStateException(
                    "The platform's database " + file + " could not be opened (H2 reports " + h2Says(failure)
                            + ") and could not be moved aside: " + e.getMessage(),
                    failure);
        }
    }

    /**
     * Writes the note and returns the refusal to throw when there was nothing to rebuild from: it
     * names the file where it now lies, what H2 said, and the ways on.
     */
    public static IllegalStateException refuse(Path dataDir, Path aside, Throwable failure, String why) {
        String words = "The platform's database could not be opened: H2 reports " + h2Says(failure)
                + ". The file was moved, unchanged, to " + aside + " (nothing was deleted). " + why
                + " To go on: restore a backup (in the app: Settings, Backups of the bundled platform; standalone:"
                + " start with --restore FILE), or, to start this folder with an empty"
                + " database, delete " + dataDir.resolve(NOTE) + " — the moved file stays where it is.";
        try {
            Files.writeString(dataDir.resolve(NOTE), words + System.lineSeparator());
        } catch (IOException e) {
            return new IllegalStateException(
                    words + " (The note could not be written: " + e.getMessage() + ")", failure);
        }
        return new IllegalStateException(words, failure);
    }

    /** What H2 said, in quotes, without its error-code suffix. */
    public static String h2Says(Throwable failure) {
        return rootMessage(failure);
    }

    private static String rootMessage(Throwable failure) {
        // H2 wraps a missing row in a lock timeout ("Timeout trying to lock table {0}"): name the row.
        SQLException missingRow = rowMissingFromPrimaryIndex(failure);
        for (Throwable cause = missingRow != null ? missingRow : failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                String message = String.valueOf(sql.getMessage());
                int cut = message.indexOf(" [");
                return "\"" + (cut > 0 ? message.substring(0, cut) : message) + "\"";
            }
        }
        return "\"" + failure + "\"";
    }

    /** Whether {@code jdbcUrl} is this data folder's own H2 file (the only database the platform may move). */
    public static boolean isOwnFile(String jdbcUrl, Path dataDir) {
        return jdbcUrl.startsWith("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("royaltydesk") + ";");
    }
}
