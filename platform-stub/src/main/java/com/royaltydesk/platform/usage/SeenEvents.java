package com.royaltydesk.platform.usage;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Every stored usage event's fingerprint (its high 64 bits) with the event's row number ({@code
 * seq}), beside H2 instead of a unique index inside its file (decision 0025). An open-addressing
 * table with linear probing in {@link MappedLongs}: two longs a slot, at most half the slots used,
 * so 16–32 bytes an event off the heap. The high half of a SHA-256 fingerprint is uniform, so it is
 * its own hash. It answers which rows <em>may</em> be a given event; the caller reads those rows
 * and compares the ids (a false duplicate would be usage never paid), which also makes an entry
 * whose row was rolled back harmless: it names a row that is not there.
 */
final class SeenEvents {

    private static final int FIRST_SLOTS = 1 << 16;
    private static final long[] NONE = new long[0];
    /** {@link #addAll} sorts a slot and an index packed in one long: the index below these bits, the slot above (slots below 2^39). */
    private static final int SLOT_ORDER_INDEX_BITS = 24;

    private final Path dir;
    private MappedLongs slots;
    private long mask;
    private long size;

    SeenEvents(Path dir) {
        this(dir, FIRST_SLOTS);
    }

    /** With room for {@code expected} events before the table first doubles. */
    SeenEvents(Path dir, long expected) {
        this.dir = dir;
        long wanted = Math.max(FIRST_SLOTS, expected * 2);
        allocate(Long.highestOneBit(wanted - 1) << 1); // the power of two at or above
    }

    /** Remembers that the row {@code seq} holds an event whose fingerprint begins with {@code hi}. */
    synchronized void add(long hi, long seq) {
        requireRow(seq);
        if ((size + 1) * 2 > mask + 1) {
            grow();
        }
        put(hi, seq);
        size++;
    }

    /**
     * Adds the first {@code count} pairs {@code (his[i], seqs[i])} in the order of their slots: one
     * sweep through the mapped table instead of a jump to a random page per event — filling it at
     * 10.5 million events took 3.5–4.7 s this way against 6.0–7.9 s one by one (BENCHMARKS.md,
     * "Dedup beside H2"). At most 2^24 pairs at a time.
     */
    synchronized void addAll(long[] his, long[] seqs, int count) {
        if (count > 1 << SLOT_ORDER_INDEX_BITS) {
            throw new IllegalArgumentException(
                    "at most " + (1 << SLOT_ORDER_INDEX_BITS) + " pairs at a time: " + count);
        }
        while ((size + count) * 2 > mask + 1) {
            grow();
        }
        if (mask >>> (Long.SIZE - 1 - SLOT_ORDER_INDEX_BITS) != 0) {
            throw new IllegalStateException("a table of " + (mask + 1) + " slots is too big to fill in slot order");
        }
        // Each pair's slot above, its index below, sorted as one long: a primitive sort, no pair objects.
        long[] bySlot = new long[count];
        for (int i = 0; i < count; i++) {
            requireRow(seqs[i]);
            bySlot[i] = ((his[i] & mask) << SLOT_ORDER_INDEX_BITS) | i;
        }
        Arrays.sort(bySlot);
        for (long ordered : bySlot) {
            int i = (int) (ordered & ((1 << SLOT_ORDER_INDEX_BITS) - 1));
            put(his[i], seqs[i]);
        }
        size += count;
    }

    private static void requireRow(long seq) {
        if (seq <= 0) {
            throw new IllegalArgumentException("usage event rows are numbered from 1, not " + seq);
        }
    }

    /** The rows that may hold an event whose fingerprint begins with {@code hi}; mostly none. */
    synchronized long[] rowsFor(long hi) {
        long[] found = NONE;
        for (long slot = hi & mask; ; slot = (slot + 1) & mask) {
            long seq = slots.get(slot * 2 + 1);
            if (seq == 0) {
                return found;
            }
            if (slots.get(slot * 2) == hi) {
                found = Arrays.copyOf(found, found.length + 1);
                found[found.length - 1] = seq;
            }
        }
    }

    synchronized long size() {
        return size;
    }

    /** Bytes of the mapped table: what it takes from the page cache, not from the heap. */
    synchronized long bytes() {
        return slots.length() * Long.BYTES;
    }

    private void put(long hi, long seq) {
        long slot = hi & mask;
        while (slots.get(slot * 2 + 1) != 0) {
            slot = (slot + 1) & mask;
        }
        slots.set(slot * 2, hi);
        slots.set(slot * 2 + 1, seq);
    }

    private void grow() {
        MappedLongs old = slots;
        long oldSlots = mask + 1;
        allocate(oldSlots * 2);
        for (long slot = 0; slot < oldSlots; slot++) {
            long seq = old.get(slot * 2 + 1);
            if (seq != 0) {
                put(old.get(slot * 2), seq);
            }
        }
    }

    private void allocate(long slotCount) {
        slots = new MappedLongs(dir, slotCount * 2);
        mask = slotCount - 1;
    }
}
