package com.royaltydesk.platform.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Whether the journals hold every write this data folder's database ever had: true when they were
 * begun together with the database (its first start) and none has dropped a segment since — they
 * drop only what a kept backup holds. Then a damaged database with no usable backup can still be
 * rebuilt: a new, migrated database and every journal record applied (decision 0017). A restore
 * moves the journals aside, and this note with them.
 */
public final class JournalsFromTheStart {

    public static final String NOTE = "journal/FROM-THE-FIRST-START";

    /** The journals' folders: changes, receipts, usage (the classes that own them name the same). */
    public static final List<String> FOLDERS = List.of("journal/changes", "journal/receipts", "journal/usage");

    private JournalsFromTheStart() {}

    /** Before the database opens: a first start has no database file and no journals yet. */
    public static boolean isFirstStart(Path dataDir, Path databaseFile) {
        return !Files.exists(databaseFile) && !Files.exists(dataDir.resolve("journal"));
    }

    /** Notes, durably, that the journals begin with the database. */
    public static void note(Path dataDir) {
        Path note = dataDir.resolve(NOTE);
        try {
            Files.createDirectories(note.getParent());
            Files.writeString(note, "The journals in this folder began with the database: they hold every write.\n");
            try (FileChannel channel = FileChannel.open(note, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + note, e);
        }
    }

    /** Whether the journals still hold every write since the first start. */
    public static boolean holdEverything(Path dataDir) {
        return Files.exists(dataDir.resolve(NOTE))
                && FOLDERS.stream().allMatch(folder -> Journal.firstKept(dataDir.resolve(folder)) <= 1);
    }

    /** Tells every journal that the database holds nothing: the next start applies every record. */
    public static void replayEverything(Path dataDir) {
        FOLDERS.forEach(folder -> MarkedJournal.resetMark(dataDir.resolve(folder), 0));
    }
}
