package com.royaltydesk.platform.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.royaltydesk.platform.core.BootId;
import com.royaltydesk.platform.testutil.NoDatabase;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag(NoDatabase.TAG)
class SeenEventsTest {

    @TempDir
    Path dir;

    @Test
    void manyEvents_eachFoundByItsFingerprint_andAnUnseenOneFindsNothing() {
        SeenEvents seen = fresh(32_768);
        long[] his = new SplittableRandom(7).longs(300_000).toArray();
        for (int i = 0; i < his.length; i++) {
            seen.add(his[i], i + 1);
        }

        for (int i = 0; i < his.length; i++) {
            assertThat(seen.rowsFor(his[i])).as("event %d", i).contains(i + 1L);
        }
        assertThat(seen.size()).isEqualTo(300_000);
        assertThat(seen.bytes())
                .as("grown past its first 64k slots, at most half of them used")
                .isGreaterThanOrEqualTo(300_000L * 2 * 16);
        assertThat(seen.rowsFor(new SplittableRandom(8).nextLong())).isEmpty();
    }

    @Test
    void addedInChunksSortedBySlot_eachRowStillBesideItsOwnFingerprint() {
        SeenEvents seen = fresh(100_000);
        SplittableRandom random = new SplittableRandom(11);
        long[] his = new long[100_000];
        for (int i = 0; i < his.length; i++) {
            // Every tenth shares its slot with the one before: the sort must keep pairs together anyway.
            his[i] = i % 10 == 9 ? his[i - 1] + (1L << 40) : random.nextLong();
        }
        long[] chunkHis = new long[40_000];
        long[] chunkSeqs = new long[40_000];
        for (int from = 0; from < his.length; from += 30_000) {
            int count = Math.min(30_000, his.length - from); // fewer than the arrays hold: the rest is ignored
            for (int i = 0; i < count; i++) {
                chunkHis[i] = his[from + i];
                chunkSeqs[i] = from + i + 1;
            }
            chunkHis[count] = 7;
            chunkSeqs[count] = 999_999;
            seen.addAll(chunkHis, chunkSeqs, count);
        }

        for (int i = 0; i < his.length; i++) {
            assertThat(seen.rowsFor(his[i])).as("event %d", i).containsExactly(i + 1L);
        }
        assertThat(seen.size()).isEqualTo(100_000);
        assertThat(seen.rowsFor(7)).as("beyond count: not added").isEmpty();
    }

    @Test
    void twoEventsWithTheSameFirstHalf_bothRowsAnswered() {
        SeenEvents seen = fresh(32_768);
        seen.add(42, 1);
        seen.add(42 + (1L << 40), 2); // the same slot, another fingerprint
        seen.add(42, 3);

        assertThat(seen.rowsFor(42)).containsExactly(1L, 3L);
        assertThat(seen.rowsFor(42 + (1L << 40))).containsExactly(2L);
    }

    @Test
    void sizedForTheRowsAtStart_noGrowthWhileLoading() {
        SeenEvents seen = fresh(1_000_000);
        long before = seen.bytes();
        for (int i = 1; i <= 1_000_000; i++) {
            seen.add(i * 0x9E3779B97F4A7C15L, i);
        }
        assertThat(seen.bytes()).isEqualTo(before).isEqualTo(2_097_152L * 16);
    }

    @Test
    void rowZeroOrBelow_refused() {
        SeenEvents seen = fresh(32_768);
        assertThatThrownBy(() -> seen.add(1, 0)).hasMessageContaining("numbered from 1");
        assertThatThrownBy(() -> seen.addAll(new long[] {1, 2}, new long[] {5, -1}, 2))
                .hasMessageContaining("numbered from 1");
    }

    @Test
    void mappedLongs_acrossSegments_eachValueWhereItWasPut() throws Exception {
        Path file = dir.resolve("longs");
        try (FileChannel channel = FileChannel.open(
                file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            MappedLongs longs = new MappedLongs(channel, 8, 1000, 4); // 16 longs a mapping: 63 mappings
            for (int i = 0; i < 1000; i++) {
                longs.set(i, i * 3L + 1);
            }
            for (int i = 0; i < 1000; i++) {
                assertThat(longs.get(i)).isEqualTo(i * 3L + 1);
            }
        }
        assertThat(Files.size(file)).as("after the first 8 bytes").isEqualTo(8 + 1000 * 8);
    }

    @Test
    void grownThenReopened_theBiggerFileKept_everyEntryStillThere() {
        UUID lineage = UUID.randomUUID();
        Optional<UUID> boot = Optional.of(UUID.randomUUID());
        SeenEvents seen = new SeenEvents(dir, lineage, 10, boot);
        seen.open();
        long[] his = new SplittableRandom(5).longs(100_000).toArray();
        for (int i = 0; i < his.length; i++) {
            seen.add(his[i], i + 1);
        }

        SeenEvents reopened = SeenEvents.reopen(dir, lineage, boot).orElseThrow();
        assertThat(reopened.size()).isEqualTo(100_000);
        assertThat(reopened.maxSeq()).isEqualTo(100_000);
        for (int i = 0; i < his.length; i += 97) {
            assertThat(reopened.rowsFor(his[i])).as("event %d", i).contains(i + 1L);
        }
        assertThat(dir.toFile().list()).as("the smaller tables retired").hasSize(1);
    }

    @Test
    void reopen_onlyTheLineageAskedFor_andNeverATableStillBeingBuilt() {
        UUID lineage = UUID.randomUUID();
        Optional<UUID> boot = Optional.of(UUID.randomUUID());
        SeenEvents building = new SeenEvents(dir, lineage, 10, boot);
        building.add(1, 1);

        assertThat(SeenEvents.reopen(dir, lineage, boot))
                .as("never opened for use")
                .isEmpty();
        SeenEvents other = new SeenEvents(dir, UUID.randomUUID(), 10, boot);
        other.open();
        assertThat(SeenEvents.reopen(dir, lineage, boot))
                .as("another lineage's")
                .isEmpty();
        assertThat(dir.toFile().list()).as("both deleted").isEmpty();
    }

    @Test
    void keptOpenByAKilledProcess_trustedOnItsBootOnly() {
        UUID lineage = UUID.randomUUID();
        Optional<UUID> boot = Optional.of(UUID.randomUUID());

        leftOpenWithOneEntry(lineage, boot);
        assertThat(SeenEvents.reopen(dir, lineage, Optional.of(UUID.randomUUID())))
                .as("another boot")
                .isEmpty();
        leftOpenWithOneEntry(lineage, boot);
        assertThat(SeenEvents.reopen(dir, lineage, Optional.empty()))
                .as("no boot id")
                .isEmpty();
        leftOpenWithOneEntry(lineage, boot);
        assertThat(SeenEvents.reopen(dir, lineage, boot).orElseThrow().rowsFor(9))
                .containsExactly(3L);
    }

    /** A table in use when its process was killed: row 3 with fingerprint 9. */
    private void leftOpenWithOneEntry(UUID lineage, Optional<UUID> boot) {
        SeenEvents seen = new SeenEvents(dir, lineage, 10, boot);
        seen.open();
        seen.add(9, 3);
    }

    /** A new table of a new lineage with room for {@code expected} events before it first doubles. */
    private SeenEvents fresh(long expected) {
        return new SeenEvents(dir, UUID.randomUUID(), expected, BootId.current());
    }
}
