package com.royaltydesk.platform.usage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A fixed-length array of longs, all zero at first, in a memory-mapped scratch file rather than the
 * Java heap: the page cache holds it, so it can outgrow the heap (the platform runs in 256 MB) and,
 * beyond RAM, the operating system pages it (decision 0025). The file is deleted once mapped where
 * the system allows it (Linux, macOS) and on exit elsewhere; its content means nothing after the
 * process ends. Mapped in segments of 2^{@value #SEGMENT_SHIFT} longs, a mapping's limit being 2 GB.
 */
final class MappedLongs {

    /** 2^26 longs: 512 MB a mapping. */
    static final int SEGMENT_SHIFT = 26;

    private final int segmentShift;
    private final long inSegment;
    private final LongBuffer[] segments;
    private final long length;

    /** {@code length} zeros in a new file in {@code dir}. */
    MappedLongs(Path dir, long length) {
        this(dir, length, SEGMENT_SHIFT);
    }

    /** The same in mappings of 2^{@code segmentShift} longs (tests cross segments with small ones). */
    MappedLongs(Path dir, long length, int segmentShift) {
        if (length <= 0) {
            throw new IllegalArgumentException("length must be positive: " + length);
        }
        this.length = length;
        this.segmentShift = segmentShift;
        this.inSegment = (1L << segmentShift) - 1;
        int count = (int) ((length + inSegment) >>> segmentShift);
        segments = new LongBuffer[count];
        try {
            Files.createDirectories(dir);
            Path file = Files.createTempFile(dir, "usage-seen-", ".tmp");
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                for (int i = 0; i < count; i++) {
                    long first = (long) i << segmentShift;
                    long longs = Math.min(1L << segmentShift, length - first);
                    segments[i] = channel.map(FileChannel.MapMode.READ_WRITE, first * Long.BYTES, longs * Long.BYTES)
                            .order(ByteOrder.nativeOrder())
                            .asLongBuffer();
                }
            }
            deleteNowOrOnExit(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map " + length + " longs in " + dir, e);
        }
    }

    long length() {
        return length;
    }

    long get(long index) {
        return segments[(int) (index >>> segmentShift)].get((int) (index & inSegment));
    }

    void set(long index, long value) {
        segments[(int) (index >>> segmentShift)].put((int) (index & inSegment), value);
    }

    private static void deleteNowOrOnExit(Path file) {
        try {
            Files.delete(file);
        } catch (IOException mappedFilesCannotBeDeletedHere) {
            file.toFile().deleteOnExit();
        }
    }
}
