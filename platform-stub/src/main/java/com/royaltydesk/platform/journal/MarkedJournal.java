package com.royaltydesk.platform.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * A {@link Journal} in front of a database that catches up by itself: {@value #APPLIED} records
 * how far the database is known to hold the journal durably, so a restart applies only what comes
 * after, and the segments before it can go (decision 0017).
 */
public final class MarkedJournal implements AutoCloseable {

    public static final String APPLIED = "applied-through";

    private final Path folder;
    private final Journal journal;

    private MarkedJournal(Path folder, Journal journal) {
        this.folder = folder;
        this.journal = journal;
    }

    public static MarkedJournal open(Path folder) {
        return new MarkedJournal(folder, Journal.open(folder));
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

    /** Every record after the mark, in order. */
    public void replayUnapplied(Consumer<Journal.Entry> apply) {
        journal.replay(appliedThrough(), apply);
    }

    /** The position the database is known to hold durably (0 when unknown: then everything is applied again). */
    public long appliedThrough() {
        Path mark = folder.resolve(APPLIED);
        try {
            return Files.exists(mark) ? Long.parseLong(Files.readString(mark).strip()) : 0;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Makes the database durable ({@code makeDatabaseDurable}) and moves the mark to the last record
     * written before it: every such record was committed before it was written, so the database
     * holds it. Nothing to do when the mark is already there.
     */
    public void checkpoint(Runnable makeDatabaseDurable) {
        long through = lastSeq();
        if (through > appliedThrough()) {
            makeDatabaseDurable.run();
            markApplied(through);
        }
    }

    /** Records that the database holds everything through {@code seq} durably; drops the segments before. */
    public void markApplied(long seq) {
        try {
            Path partial = folder.resolve(APPLIED + ".part");
            Files.writeString(partial, Long.toString(seq));
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(partial, folder.resolve(APPLIED), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record how far the journal in " + folder + " is applied", e);
        }
        journal.deleteThrough(seq);
    }

    @Override
    public void close() {
        journal.close();
    }
}
