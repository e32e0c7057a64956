package com.royaltydesk.platform.usage;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * Every stored usage event's fingerprint (its high 64 bits) with the event's row number ({@code
 * seq}), beside H2 instead of a unique index inside its file (decision 0025), in a file kept across
 * starts (decision 0029, {@link SeenEventsFile}). An open-addressing table with linear probing: two
 * longs a slot, at most half the slots used, so 16–32 bytes an event off the heap. The high half of a
 * SHA-256 fingerprint is uniform, so it is its own hash. It answers which rows <em>may</em> be a
 * given event; the caller reads those rows and compares the ids (a false duplicate would be usage
 * never paid), which also makes an entry whose row was rolled back, or lost by a crash, harmless: it
 * names a row that is not there, or another event.
 */
final class SeenEvents {

    private static final int FIRST_SLOTS = 1 << 16;
    private static final long[] NONE = new long[0];
    /** {@link #addAll} sorts a slot and an index packed in one long: the index below these bits, the slot above (slots below 2^39). */
    private static final int SLOT_ORDER_INDEX_BITS = 24;

    private final Path dir;
    private final UUID lineage;
    private final Optional<UUID> boot;
    private SeenEventsFile file;
    private MappedLongs slots;
    private long mask;
    private long size;
    private long maxSeq;

    /**
     * A new, empty table of {@code lineage} in {@code dir} with room for {@code expected} events
     * before it first doubles; not trusted by a later start until {@link #open}ed for use.
     */
    SeenEvents(Path dir, UUID lineage, long expected, Optional<UUID> boot) {
        this.dir = dir;
        this.lineage = lineage;
        this.boot = boot;
        long wanted = Math.max(FIRST_SLOTS, expected * 2);
        use(SeenEventsFile.create(dir, lineage, Long.highestOneBit(wanted - 1) << 1)); // the power of two at or above
    }

    private SeenEvents(Path dir, UUID lineage, Optional<UUID> boot, SeenEventsFile file) {
        this.dir = dir;
        this.lineage = lineage;
        this.boot = boot;
        use(file);
        this.size = file.size();
        this.maxSeq = file.maxSeq();
    }

    /**
     * The table a start of {@code boot} may trust for {@code lineage}, left in {@code dir} by an
     * earlier one ({@link SeenEventsFile#openTrusted}), open for use; empty when there is none.
     */
    static Optional<SeenEvents> reopen(Path dir, UUID lineage, Optional<UUID> boot) {
        return SeenEventsFile.openTrusted(dir, lineage, boot).map(file -> {
            SeenEvents table = new SeenEvents(dir, lineage, boot, file);
            table.open();
            return table;
        });
    }

    /** In use from now on: a later start of the same boot trusts it even after a kill. */
    synchronized void open() {
        file.markOpen(boot);
    }

    /** Written to the disk whole: a later start trusts it whatever happens in between (a clean stop). */
    synchronized void close() {
        file.markClosed();
    }

    /** Remembers that the row {@code seq} holds an event whose fingerprint begins with {@code hi}. */
    synchronized void add(long hi, long seq) {
        requireRow(seq);
        requireOpen();
        if ((size + 1) * 2 > mask + 1) {
            grow();
        }
        put(hi, seq);
        size++;
        maxSeq = Math.max(maxSeq, seq);
        file.recordAdded(size, maxSeq);
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
        requireOpen();
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
            maxSeq = Math.max(maxSeq, seqs[i]);
        }
        size += count;
        file.recordAdded(size, maxSeq);
    }

    private static void requireRow(long seq) {
        if (seq <= 0) {
            throw new IllegalArgumentException("usage event rows are numbered from 1, not " + seq);
        }
    }

    /** A change after a clean stop's {@link #close} (none is expected) first makes the file untrusted again. */
    private void requireOpen() {
        if (file.state() == SeenEventsFile.State.CLOSED) {
            file.markOpen(boot);
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

    /** The highest row the table names: rows above it were written without it (a start catches up on them). */
    synchronized long maxSeq() {
        return maxSeq;
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

    /**
     * Into a new file twice the size; the old one is retired only once the new one is whole and
     * open, so a kill in between leaves one table a start can trust.
     */
    private void grow() {
        SeenEventsFile old = file;
        MappedLongs oldSlots = slots;
        long oldCount = mask + 1;
        SeenEventsFile bigger = SeenEventsFile.create(dir, lineage, oldCount * 2);
        boolean wasOpen = old.state() != SeenEventsFile.State.BUILDING;
        use(bigger);
        for (long slot = 0; slot < oldCount; slot++) {
            long seq = oldSlots.get(slot * 2 + 1);
            if (seq != 0) {
                put(oldSlots.get(slot * 2), seq);
            }
        }
        bigger.recordAdded(size, maxSeq);
        if (wasOpen) {
            bigger.markOpen(boot);
        }
        old.retire();
    }

    private void use(SeenEventsFile table) {
        file = table;
        slots = table.slots();
        mask = table.slots().length() / 2 - 1;
    }
}
