package com.royaltydesk.platform.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * An append-only journal in one folder of segment files ({@code <first seq>.rdj}, rolled at
 * {@link #SEGMENT_BYTES}). Each record is
 *
 * <pre>magic u32 "RDJ1" | length u32 | crc32c u32 (of seq and payload) | seq u64 | payload</pre>
 *
 * with sequence numbers 1, 2, 3 … without gaps. {@link #append} writes a record; {@link
 * #awaitDurable} returns once it and every record before it are on disk ({@code FileChannel.force},
 * i.e. {@code fdatasync}), one leader forcing for every writer waiting at that moment (group commit).
 * A caller acknowledges only after {@code awaitDurable}, so after any crash — a {@code kill -9} or a
 * power loss — every acknowledged record is whole.
 *
 * <p>Opening reads every record. In the last segment, the first record that is cut short or fails
 * its checksum ends the journal and the file is truncated there: nothing after it was acknowledged,
 * because acknowledgements wait for a force that covers everything before them. A bad record
 * <em>followed by a whole one</em> is not a torn write but damage to acknowledged data: opening
 * refuses ({@link JournalDamagedException}).
 */
public final class Journal implements AutoCloseable {

    /** One record read back. */
    public record Entry(long seq, byte[] payload) {}

    public static final long SEGMENT_BYTES = 64L * 1024 * 1024;
    /** The largest payload: a record must fit comfortably in a segment. */
    public static final int MAX_PAYLOAD = 16 * 1024 * 1024;

    static final int MAGIC = 0x52444A31; // "RDJ1"
    static final int HEADER = 4 + 4 + 4 + 8;
    private static final String SUFFIX = ".rdj";

    private final Path folder;
    private final long segmentLimit;
    private final Object appendLock = new Object();
    private final Object durableLock = new Object();
    private FileChannel segment;
    private long segmentBytes;
    private volatile long appended;
    private long durable;
    private boolean forcing;
    private final int truncatedBytes;

    private Journal(
            Path folder, long segmentLimit, FileChannel segment, long segmentBytes, long last, int truncatedBytes) {
        this.folder = folder;
        this.segmentLimit = segmentLimit;
        this.segment = segment;
        this.segmentBytes = segmentBytes;
        this.appended = last;
        this.durable = last;
        this.truncatedBytes = truncatedBytes;
    }

    /** Opens (or creates) the journal in {@code folder}, cutting a torn tail back to its last whole record. */
    public static Journal open(Path folder) {
        return open(folder, SEGMENT_BYTES);
    }

    /** The same with another segment size (tests roll segments without writing 64 MB). */
    static Journal open(Path folder, long segmentLimit) {
        try {
            Files.createDirectories(folder);
            List<Path> segments = segments(folder);
            // Older segments may have been deleted once applied: numbering goes on from the oldest kept.
            long last = segments.isEmpty() ? 0 : firstSeq(segments.get(0)) - 1;
            int truncated = 0;
            for (int i = 0; i < segments.size(); i++) {
                Scan scan = scan(segments.get(i), last, i == segments.size() - 1);
                last = scan.lastSeq();
                truncated += scan.truncatedBytes();
            }
            Path current = segments.isEmpty() ? folder.resolve(name(1)) : segments.get(segments.size() - 1);
            FileChannel channel = FileChannel.open(
                    current, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
            long size = channel.size();
            channel.position(size);
            return new Journal(folder, segmentLimit, channel, size, last, truncated);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal in " + folder, e);
        }
    }

    /** How many bytes of a torn tail opening cut off (0 after a clean stop). */
    public int truncatedBytes() {
        return truncatedBytes;
    }

    /** The sequence number of the last record written (0 for an empty journal). */
    public long lastSeq() {
        return appended;
    }

    /** Writes a record and returns its sequence number; it is durable once {@link #awaitDurable} says so. */
    public long append(byte[] payload) {
        if (payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("a journal record holds at most " + MAX_PAYLOAD + " bytes");
        }
        synchronized (appendLock) {
            try {
                if (segmentBytes > 0 && segmentBytes + HEADER + payload.length > segmentLimit) {
                    roll();
                }
                long seq = appended + 1;
                ByteBuffer record = encode(seq, payload);
                while (record.hasRemaining()) {
                    segment.write(record);
                }
                segmentBytes += HEADER + payload.length;
                appended = seq;
                return seq;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write to the journal in " + folder, e);
            }
        }
    }

    /** Appends and waits until the record is on disk. */
    public long appendDurably(byte[] payload) {
        long seq = append(payload);
        awaitDurable(seq);
        return seq;
    }

    /**
     * Returns once record {@code seq} and all before it are on disk. Concurrent callers share one
     * force: whoever finds none running forces everything written so far, for all of them.
     */
    /** The last record known to be on disk. */
    public long durableThrough() {
        synchronized (durableLock) {
            return durable;
        }
    }

    public void awaitDurable(long seq) {
        while (true) {
            long target;
            synchronized (durableLock) {
                while (durable < seq && forcing) {
                    waitForForce();
                }
                if (durable >= seq) {
                    return;
                }
                forcing = true;
                target = appended;
            }
            try {
                force();
            } finally {
                synchronized (durableLock) {
                    forcing = false;
                    durableLock.notifyAll();
                }
            }
            synchronized (durableLock) {
                durable = Math.max(durable, target);
                durableLock.notifyAll();
            }
        }
    }

    private void force() {
        FileChannel current;
        synchronized (appendLock) {
            current = segment;
        }
        try {
            // Data only (fdatasync): the file's size is data too, so an appended record survives power loss.
            current.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal in " + folder + " to disk", e);
        }
    }

    private void waitForForce() {
        try {
            durableLock.wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the journal to reach the disk", e);
        }
    }

    /** Starts a new segment; the old one is forced first, so a force of the new one covers everything. */
    private void roll() throws IOException {
        segment.force(false);
        segment.close();
        segment = FileChannel.open(
                folder.resolve(name(appended + 1)),
                StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        segmentBytes = 0;
        // The new file's directory entry must survive power loss too.
        try (FileChannel directory = FileChannel.open(folder, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            // Some file systems cannot open a directory for forcing; the segment's own force still holds.
        }
    }

    /**
     * Deletes the segments whose every record is at or before {@code seq} — records already applied
     * and made durable elsewhere — never the segment being written. Returns how many were deleted.
     */
    public int deleteThrough(long seq) {
        synchronized (appendLock) {
            try {
                List<Path> segments = segments(folder);
                int deleted = 0;
                for (int i = 0; i + 1 < segments.size(); i++) {
                    long nextFirst = firstSeq(segments.get(i + 1));
                    if (nextFirst - 1 > seq) {
                        break;
                    }
                    Files.delete(segments.get(i));
                    deleted++;
                }
                return deleted;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete old segments of the journal in " + folder, e);
            }
        }
    }

    /**
     * The first record still in {@code folder}'s journal: 1 when nothing was ever written there (or
     * the folder is missing), so a caller needing records from {@code n} on can check it has them.
     */
    public static long firstKept(Path folder) {
        if (!Files.isDirectory(folder)) {
            return 1;
        }
        try {
            List<Path> segments = segments(folder);
            return segments.isEmpty() ? 1 : firstSeq(segments.get(0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the journal in " + folder, e);
        }
    }

    private static long firstSeq(Path segment) {
        String name = segment.getFileName().toString();
        return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
    }

    /** Calls {@code consumer} with every record after {@code afterSeq}, in order. */
    public void replay(long afterSeq, Consumer<Entry> consumer) {
        try {
            for (Path file : segments(folder)) {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                    long position = 0;
                    long size = channel.size();
                    while (position + HEADER <= size) {
                        Entry entry = read(channel, position, size);
                        if (entry == null) {
                            break; // past what open() kept: a torn tail written since cannot be here
                        }
                        if (entry.seq() > afterSeq) {
                            consumer.accept(entry);
                        }
                        position += HEADER + entry.payload().length;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the journal in " + folder, e);
        }
    }

    @Override
    public void close() {
        synchronized (appendLock) {
            try {
                segment.force(false);
                segment.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close the journal in " + folder, e);
            }
        }
    }

    // --- reading and writing records ---

    static ByteBuffer encode(long seq, byte[] payload) {
        ByteBuffer record = ByteBuffer.allocate(HEADER + payload.length);
        record.putInt(MAGIC)
                .putInt(payload.length)
                .putInt(crc(seq, payload))
                .putLong(seq)
                .put(payload);
        return record.flip();
    }

    private static int crc(long seq, byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(8).putLong(seq).flip());
        crc.update(payload);
        return (int) crc.getValue();
    }

    /** The record at {@code position}, or null when it is not a whole record with a matching checksum. */
    private static Entry read(FileChannel channel, long position, long size) throws IOException {
        if (position + HEADER > size) {
            return null;
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        channel.read(header, position);
        header.flip();
        int magic = header.getInt();
        int length = header.getInt();
        int crc = header.getInt();
        long seq = header.getLong();
        if (magic != MAGIC || length < 0 || length > MAX_PAYLOAD || position + HEADER + length > size) {
            return null;
        }
        ByteBuffer payload = ByteBuffer.allocate(length);
        while (payload.hasRemaining()) {
            if (channel.read(payload, position + HEADER + payload.position()) < 0) {
                return null;
            }
        }
        byte[] bytes = payload.array();
        return crc(seq, bytes) == crc ? new Entry(seq, bytes) : null;
    }

    private record Scan(long lastSeq, int truncatedBytes) {}

    /**
     * Reads a segment from the start, checking that sequence numbers follow {@code previous}. In the
     * last segment a bad record ends the journal (the file is truncated there) unless a whole record
     * follows it; anywhere else a bad record is damage.
     */
    private static Scan scan(Path file, long previous, boolean last) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            long position = 0;
            long seq = previous;
            while (position < size) {
                Entry entry = read(channel, position, size);
                if (entry != null && entry.seq() != seq + 1) {
                    throw new JournalDamagedException(
                            file, position, "record " + entry.seq() + " where " + (seq + 1) + " belongs");
                }
                if (entry == null) {
                    if (!last || wholeRecordAfter(channel, position + 1, size)) {
                        throw new JournalDamagedException(file, position, "a record that does not read back");
                    }
                    channel.truncate(position);
                    channel.force(true);
                    return new Scan(seq, (int) (size - position));
                }
                seq = entry.seq();
                position += HEADER + entry.payload().length;
            }
            return new Scan(seq, 0);
        }
    }

    /** Whether a whole, checksummed record starts anywhere from {@code from} on (searched by its magic). */
    private static boolean wholeRecordAfter(FileChannel channel, long from, long size) throws IOException {
        ByteBuffer window = ByteBuffer.allocate(64 * 1024);
        long base = from;
        while (base < size) {
            window.clear();
            int read = channel.read(window, base);
            if (read <= 0) {
                return false;
            }
            for (int i = 0; i + 4 <= read; i++) {
                if (window.getInt(i) == MAGIC && read(channel, base + i, size) != null) {
                    return true;
                }
            }
            base += Math.max(1, read - 3);
        }
        return false;
    }

    private static List<Path> segments(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> segments =
                    new ArrayList<>(files.filter(f -> f.getFileName().toString().endsWith(SUFFIX))
                            .sorted()
                            .toList());
            return segments;
        }
    }

    private static String name(long firstSeq) {
        return String.format("%020d", firstSeq) + SUFFIX;
    }
}
