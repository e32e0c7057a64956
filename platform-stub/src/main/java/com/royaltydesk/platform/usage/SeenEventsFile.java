package com.royaltydesk.platform.usage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One file of the table of seen events, kept across starts (decision 0029): a header page, then the
 * slots. The header names the H2 file's lineage the table belongs to, how it was left, and the
 * highest row it holds. A table is only ever trusted when it holds every row of its lineage's files
 * (a superset is harmless: every row it names is read and compared): left {@link State#CLOSED} by a
 * clean stop that first wrote every page to the disk, or left {@link State#OPEN} by a process of this
 * very boot (killed: the page cache has every write). Anything else is rebuilt from H2's rows.
 */
final class SeenEventsFile {

    enum State {
        BUILDING,
        OPEN,
        CLOSED
    }

    private static final State[] STATES = State.values();
    private static final String SUFFIX = ".table";
    private static final int HEADER_BYTES = 4096;
    /** "RDKSEEN1" in ASCII. */
    private static final long MAGIC = 0x52444B5345454E31L;

    private static final int MAGIC_AT = 0;
    private static final int SLOTS_AT = 1;
    private static final int LINEAGE_AT = 2; // and 3
    private static final int STATE_AT = 4;
    private static final int BOOT_AT = 5; // and 6
    private static final int SIZE_AT = 7;
    private static final int MAX_SEQ_AT = 8;

    private final Path path;
    private final MappedByteBuffer headerPage;
    private final LongBuffer header;
    private final MappedLongs slots;

    private SeenEventsFile(Path path, MappedByteBuffer headerPage, MappedLongs slots) {
        this.path = path;
        this.headerPage = headerPage;
        this.header = headerPage.order(ByteOrder.nativeOrder()).asLongBuffer();
        this.slots = slots;
    }

    /** A new file of {@code slotCount} slots (two longs each, all zero), {@link State#BUILDING}. */
    static SeenEventsFile create(Path dir, UUID lineage, long slotCount) {
        Path path = dir.resolve(lineage + "-" + slotCount + SUFFIX);
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(path);
            SeenEventsFile file = map(path, slotCount, StandardOpenOption.CREATE_NEW);
            file.header.put(MAGIC_AT, MAGIC);
            file.header.put(SLOTS_AT, slotCount);
            file.header.put(LINEAGE_AT, lineage.getMostSignificantBits());
            file.header.put(LINEAGE_AT + 1, lineage.getLeastSignificantBits());
            file.header.put(STATE_AT, State.BUILDING.ordinal());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the table of seen events " + path, e);
        }
    }

    /**
     * The table of {@code lineage} that may be trusted on a start of {@code boot} — of several (a
     * kill in the middle of a growth leaves two), the biggest — mapped; every other file in {@code
     * dir} is deleted. Empty when there is none.
     */
    static Optional<SeenEventsFile> openTrusted(Path dir, UUID lineage, Optional<UUID> boot) {
        List<Path> files = files(dir);
        Optional<Path> chosen = files.stream()
                .filter(f -> isTrusted(f, lineage, boot))
                .max(Comparator.comparingLong(SeenEventsFile::sizeOf));
        for (Path other : files) {
            if (chosen.isEmpty() || !other.equals(chosen.get())) {
                deleteOrLeaveForNextStart(other);
            }
        }
        if (chosen.isEmpty()) {
            return Optional.empty();
        }
        try {
            long slotCount = (sizeOf(chosen.get()) - HEADER_BYTES) / (2L * Long.BYTES);
            return Optional.of(map(chosen.get(), slotCount));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map the table of seen events " + chosen.get(), e);
        }
    }

    /** Deletes every table file in {@code dir} (before one is built anew). */
    static void deleteAll(Path dir) {
        files(dir).forEach(SeenEventsFile::deleteOrLeaveForNextStart);
    }

    MappedLongs slots() {
        return slots;
    }

    long size() {
        return header.get(SIZE_AT);
    }

    long maxSeq() {
        return header.get(MAX_SEQ_AT);
    }

    State state() {
        return STATES[(int) header.get(STATE_AT)];
    }

    /** After every change: how many entries, and the highest row among them. */
    void recordAdded(long size, long maxSeq) {
        header.put(SIZE_AT, size);
        header.put(MAX_SEQ_AT, maxSeq);
    }

    /**
     * In use by this process from now on: on the disk before any slot changes, so that after a
     * power loss the header cannot still say {@link State#CLOSED} of pages changed since.
     */
    void markOpen(Optional<UUID> boot) {
        header.put(BOOT_AT, boot.map(UUID::getMostSignificantBits).orElse(0L));
        header.put(BOOT_AT + 1, boot.map(UUID::getLeastSignificantBits).orElse(0L));
        header.put(STATE_AT, State.OPEN.ordinal());
        headerPage.force();
    }

    /** Every slot on the disk, then the header saying so: trusted after any stop that follows. */
    void markClosed() {
        slots.force();
        header.put(STATE_AT, State.CLOSED.ordinal());
        headerPage.force();
    }

    /** Replaced by a bigger table: never trusted again, and deleted (where a mapped file can be). */
    void retire() {
        header.put(STATE_AT, State.BUILDING.ordinal());
        deleteOrLeaveForNextStart(path);
    }

    private static boolean isTrusted(Path file, UUID lineage, Optional<UUID> boot) {
        long[] h = new long[MAX_SEQ_AT + 1];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer page = ByteBuffer.allocate(h.length * Long.BYTES).order(ByteOrder.nativeOrder());
            while (page.hasRemaining() && channel.read(page) >= 0) {
                // read the whole header or reach the end of a short file
            }
            if (page.hasRemaining()) {
                return false;
            }
            page.flip().asLongBuffer().get(h);
        } catch (IOException unreadable) {
            return false;
        }
        boolean whole = h[MAGIC_AT] == MAGIC
                && h[SLOTS_AT] > 0
                && sizeOf(file) == HEADER_BYTES + h[SLOTS_AT] * 2 * Long.BYTES
                && h[LINEAGE_AT] == lineage.getMostSignificantBits()
                && h[LINEAGE_AT + 1] == lineage.getLeastSignificantBits();
        if (!whole) {
            return false;
        }
        if (h[STATE_AT] == State.CLOSED.ordinal()) {
            return true;
        }
        return h[STATE_AT] == State.OPEN.ordinal()
                && boot.isPresent()
                && h[BOOT_AT] == boot.get().getMostSignificantBits()
                && h[BOOT_AT + 1] == boot.get().getLeastSignificantBits();
    }

    private static SeenEventsFile map(Path path, long slotCount, StandardOpenOption... extra) throws IOException {
        List<StandardOpenOption> options = new ArrayList<>(List.of(StandardOpenOption.READ, StandardOpenOption.WRITE));
        options.addAll(List.of(extra));
        // The mappings stay valid once the channel is closed.
        try (FileChannel channel = FileChannel.open(path, options.toArray(new StandardOpenOption[0]))) {
            MappedByteBuffer header = channel.map(FileChannel.MapMode.READ_WRITE, 0, HEADER_BYTES);
            MappedLongs slots = new MappedLongs(channel, HEADER_BYTES, slotCount * 2);
            return new SeenEventsFile(path, header, slots);
        }
    }

    private static List<Path> files(Path dir) {
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return found;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            stream.forEach(found::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return found;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException gone) {
            return -1;
        }
    }

    /** Where a mapped file cannot be deleted (Windows), the next start deletes it. */
    private static void deleteOrLeaveForNextStart(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException stillMapped) {
            // not trusted next time either: another lineage, retired, or a smaller table than the one kept
        }
    }
}
