package com.royaltydesk.platform.usage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A fixed-length array of longs mapped from a file rather than held on the Java heap: the page
 * cache holds it, so it can outgrow the heap (the platform runs in 256 MB) and, beyond RAM, the
 * operating system pages it (decision 0025). Its values are the file's bytes: what a process wrote
 * stays in the page cache when the process is killed, and reaches the disk at {@link #force}.
 * Mapped in segments of 2^{@value #SEGMENT_SHIFT} longs, a mapping's limit being 2 GB.
 */
final class MappedLongs {

    /** 2^26 longs: 512 MB a mapping. */
    static final int SEGMENT_SHIFT = 26;

    private final int segmentShift;
    private final long inSegment;
    private final MappedByteBuffer[] mapped;
    private final LongBuffer[] segments;
    private final long length;

    /** {@code length} longs of {@code channel} from byte {@code offset} on (zeros where the file was shorter). */
    MappedLongs(FileChannel channel, long offset, long length) {
        this(channel, offset, length, SEGMENT_SHIFT);
    }

    /** The same in mappings of 2^{@code segmentShift} longs (tests cross segments with small ones). */
    MappedLongs(FileChannel channel, long offset, long length, int segmentShift) {
        if (length <= 0) {
            throw new IllegalArgumentException("length must be positive: " + length);
        }
        this.length = length;
        this.segmentShift = segmentShift;
        this.inSegment = (1L << segmentShift) - 1;
        int count = (int) ((length + inSegment) >>> segmentShift);
        mapped = new MappedByteBuffer[count];
        segments = new LongBuffer[count];
        try {
            for (int i = 0; i < count; i++) {
                long first = (long) i << segmentShift;
                long longs = Math.min(1L << segmentShift, length - first);
                mapped[i] =
                        channel.map(FileChannel.MapMode.READ_WRITE, offset + first * Long.BYTES, longs * Long.BYTES);
                segments[i] = mapped[i].order(ByteOrder.nativeOrder()).asLongBuffer();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map " + length + " longs", e);
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

    /** Writes every changed page to the disk and waits for it. */
    void force() {
        for (MappedByteBuffer segment : mapped) {
            segment.force();
        }
    }
}
