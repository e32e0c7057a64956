package com.royaltydesk.platform.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A {@link Journal} in front of a database that catches up by itself: {@value #APPLIED} records
 * how far the database was found holding the journal when a start opened it ({@link JournalMarks}),
 * so a restart applies only what comes after. Segments before that mark can go — but not those a
 * backup still needs: {@value #KEEP_FROM} names the first record the oldest kept backup lacks, and a
 * database rebuilt from that backup is brought up to date from there (decision 0017). {@value #ID}
 * names this journal: a journal begun anew (after a restore) is never taken for the one before.
 */
public final class MarkedJournal implements AutoCloseable {

    public static final String APPLIED = "applied-through";
    public static final String KEEP_FROM = "keep-from";
    public static final String ID = "journal-id";

    private final Path folder;
    private final Journal journal;
    private final String id;

    private MarkedJournal(Path folder, Journal journal) {
        this.folder = folder;
        this.journal = journal;
        this.id = idOf(folder);
    }

    public static MarkedJournal open(Path folder) {
        return new MarkedJournal(folder, Journal.open(folder));
    }

    /** The same with another segment size (tests roll segments without writing 64 MB). */
    static MarkedJournal open(Path folder, long segmentLimit) {
        return new MarkedJournal(folder, Journal.open(folder, segmentLimit));
    }

    public long append(byte[] payload) {
        return journal.append(payload);
    }

    public void appendDurably(byte[] payload) {
        journal.appendDurably(payload);
    }

    public void awaitDurable(long seq) {
        journal.awaitDurable(seq);
    }

    public long lastSeq() {
        return journal.lastSeq();
    }

    public long durableThrough() {
        return journal.durableThrough();
    }

    /** Every record after the mark, in order. */
    public void replayUnapplied(Consumer<Journal.Entry> apply) {
        journal.replay(appliedThrough(), apply);
    }

    /** The position the database is known to hold durably (0 when unknown: then everything is applied again). */
    public long appliedThrough() {
        return readNumber(APPLIED, 0);
    }

    /** This journal's identity, made when its folder was begun. */
    public String id() {
        return id;
    }

    /**
     * Records that the database holds everything through {@code seq} — as a start found it, before
     * writing anything (see {@link JournalMarks}); drops the segments before it that no kept backup needs.
     */
    public void markApplied(long seq) {
        writeDurably(folder, APPLIED, seq);
        journal.deleteThrough(Math.min(seq, keepFrom() - 1));
    }

    /**
     * The first record a rebuild needs: the one after what the oldest kept backup holds. Without
     * the file nothing is dropped — there is no backup to rebuild from, so the journal is all there is.
     */
    public long keepFrom() {
        return readNumber(KEEP_FROM, 1);
    }

    /** The number in {@code name}; {@code fallback} — the safe answer — when it is missing or unreadable. */
    private long readNumber(String name, long fallback) {
        Path file = folder.resolve(name);
        try {
            return Files.exists(file) ? Long.parseLong(Files.readString(file).strip()) : fallback;
        } catch (IOException | NumberFormatException e) {
            return fallback;
        }
    }

    /** Records the first record the oldest kept backup lacks (see {@link #keepFrom}). */
    public static void keepFrom(Path folder, long seq) {
        writeDurably(folder, KEEP_FROM, seq);
    }

    /** Says the database holds nothing after {@code seq}: the next start applies every record after it. */
    public static void resetMark(Path folder, long seq) {
        writeDurably(folder, APPLIED, seq);
    }

    /** The folder's identity; a folder without one (new, or from before identities) gets one now. */
    private static String idOf(Path folder) {
        Path file = folder.resolve(ID);
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            String id = UUID.randomUUID().toString();
            writeDurably(folder, ID, id);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void writeDurably(Path folder, String name, Object value) {
        try {
            Files.createDirectories(folder);
            Path partial = folder.resolve(name + ".part");
            Files.writeString(partial, value.toString());
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(partial, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + name + " of the journal in " + folder, e);
        }
    }

    @Override
    public void close() {
        journal.close();
    }
}
