package com.royaltydesk.platform.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.platform.testutil.NoDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a mark lets go: never what the oldest kept backup needs to be brought up to date. */
@Tag(NoDatabase.TAG)
class MarkedJournalTest {

    private static final long SMALL_SEGMENTS = 4 * 1024;

    @TempDir
    Path dir;

    private MarkedJournal withRecords(int n) {
        MarkedJournal journal = MarkedJournal.open(dir, SMALL_SEGMENTS);
        for (int i = 1; i <= n; i++) {
            journal.appendDurably(("record " + i + " ").repeat(20).getBytes(StandardCharsets.UTF_8));
        }
        return journal;
    }

    private List<Long> recordsLeft() {
        List<Long> seqs = new ArrayList<>();
        try (Journal journal = Journal.open(dir, SMALL_SEGMENTS)) {
            journal.replay(0, entry -> seqs.add(entry.seq()));
        }
        return seqs;
    }

    private long segments() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".rdj")).count();
        }
    }

    @Test
    void noBackupToRebuildFrom_markDropsNothing() throws Exception {
        try (MarkedJournal journal = withRecords(300)) {
            assertThat(segments()).isGreaterThan(5);
            journal.markApplied(300);
        }

        assertThat(recordsLeft()).hasSize(300).startsWith(1L);
    }

    @Test
    void backupHoldsThrough120_recordsFrom121Kept_olderSegmentsGo() throws Exception {
        long before;
        try (MarkedJournal journal = withRecords(300)) {
            before = segments();
            MarkedJournal.keepFrom(dir, 121);
            journal.markApplied(300);
        }

        List<Long> left = recordsLeft();
        assertThat(segments()).isLessThan(before);
        assertThat(left).contains(121L, 300L).doesNotContain(1L);
        assertThat(left.get(0)).isLessThanOrEqualTo(121L);
    }

    @Test
    void markBehindTheBackup_theMarkDecides() throws Exception {
        try (MarkedJournal journal = withRecords(300)) {
            MarkedJournal.keepFrom(dir, 290);
            journal.markApplied(100);
        }

        List<Long> left = recordsLeft();
        assertThat(left.get(0)).isLessThanOrEqualTo(101L);
        assertThat(left).contains(101L, 300L);
    }

    @Test
    void resetMark_nextReplayStartsAfterIt() {
        try (MarkedJournal journal = withRecords(50)) {
            journal.markApplied(50);
        }
        MarkedJournal.resetMark(dir, 20);

        List<Long> replayed = new ArrayList<>();
        try (MarkedJournal journal = MarkedJournal.open(dir, SMALL_SEGMENTS)) {
            journal.replayUnapplied(entry -> replayed.add(entry.seq()));
        }
        assertThat(replayed).first().isEqualTo(21L);
        assertThat(replayed).last().isEqualTo(50L);
    }
}
