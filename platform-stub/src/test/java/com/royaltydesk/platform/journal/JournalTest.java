package com.royaltydesk.platform.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.royaltydesk.platform.testutil.NoDatabase;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal on a real folder: reopened, torn, flipped, rolled, shared by threads, and killed. */
@Tag(NoDatabase.TAG)
class JournalTest {

    @TempDir
    Path dir;

    private static byte[] payload(long n) {
        return ("record " + n).repeat(1 + (int) (n % 50)).getBytes(StandardCharsets.UTF_8);
    }

    private List<Journal.Entry> all(Journal journal) {
        List<Journal.Entry> entries = new ArrayList<>();
        journal.replay(0, entries::add);
        return entries;
    }

    private Path onlySegment() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> segments =
                    files.filter(f -> f.toString().endsWith(".rdj")).toList();
            assertThat(segments).hasSize(1);
            return segments.get(0);
        }
    }

    /** Writes records 1..n durably and returns where each record ends in the segment file. */
    private long[] write(int n) {
        long[] ends = new long[n + 1];
        try (Journal journal = Journal.open(dir)) {
            for (int i = 1; i <= n; i++) {
                journal.appendDurably(payload(i));
                ends[i] = ends[i - 1] + Journal.HEADER + payload(i).length;
            }
        }
        return ends;
    }

    private static void flipByte(Path file, long at) throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(at);
            int b = raf.read();
            raf.seek(at);
            raf.write(b ^ 0x40);
        }
    }

    @Test
    void reopened_everyRecordBackInOrder_andAppendsGoOn() {
        write(1000);

        try (Journal journal = Journal.open(dir)) {
            List<Journal.Entry> entries = all(journal);
            assertThat(journal.lastSeq()).isEqualTo(1000);
            assertThat(journal.truncatedBytes()).isZero();
            for (int i = 0; i < 1000; i++) {
                assertThat(entries.get(i).seq()).isEqualTo(i + 1);
                assertThat(entries.get(i).payload()).isEqualTo(payload(i + 1));
            }
            assertThat(journal.appendDurably(payload(1001))).isEqualTo(1001);
            List<Journal.Entry> after = new ArrayList<>();
            journal.replay(999, after::add);
            assertThat(after).extracting(Journal.Entry::seq).containsExactly(1000L, 1001L);
        }
    }

    @Test
    void recordCutShortByACrash_cutBackToTheLastWholeRecord() throws Exception {
        long[] ends = write(11);
        Path segment = onlySegment();
        try (RandomAccessFile raf = new RandomAccessFile(segment.toFile(), "rw")) {
            raf.setLength(ends[10] + (ends[11] - ends[10]) / 2); // record 11 half written
        }

        try (Journal journal = Journal.open(dir)) {
            assertThat(journal.lastSeq()).isEqualTo(10);
            assertThat(journal.truncatedBytes()).isPositive();
            assertThat(Files.size(segment)).isEqualTo(ends[10]);
            assertThat(journal.appendDurably(payload(11))).isEqualTo(11);
        }
        try (Journal journal = Journal.open(dir)) {
            assertThat(all(journal)).hasSize(11);
        }
    }

    @Test
    void byteFlippedInTheLastRecord_thatRecordDropped_theRestKept() throws Exception {
        long[] ends = write(10);
        flipByte(onlySegment(), ends[9] + Journal.HEADER + 3);

        try (Journal journal = Journal.open(dir)) {
            assertThat(journal.lastSeq()).isEqualTo(9);
            assertThat(all(journal)).extracting(Journal.Entry::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        }
    }

    @Test
    void zerosAfterTheLastRecord_likeAFileExtendedButNotWritten_cutOff() throws Exception {
        long[] ends = write(5);
        try (RandomAccessFile raf = new RandomAccessFile(onlySegment().toFile(), "rw")) {
            raf.setLength(ends[5] + 4096);
        }

        try (Journal journal = Journal.open(dir)) {
            assertThat(journal.lastSeq()).isEqualTo(5);
            assertThat(journal.truncatedBytes()).isEqualTo(4096);
        }
    }

    @Test
    void byteFlippedInARecordBeforeTheTail_refusedNamingWhere_nothingCut() throws Exception {
        long[] ends = write(10);
        Path segment = onlySegment();
        long size = Files.size(segment);
        flipByte(segment, ends[4] + Journal.HEADER + 1); // inside record 5

        assertThatThrownBy(() -> Journal.open(dir))
                .isInstanceOf(JournalDamagedException.class)
                .hasMessageContaining(segment.toString())
                .hasMessageContaining("at byte " + ends[4]);
        assertThat(Files.size(segment))
                .as("acknowledged records are never cut off")
                .isEqualTo(size);
    }

    @Test
    void segmentsRoll_recordsReadAcrossThem_damageInAnEarlierSegmentRefused() throws Exception {
        try (Journal journal = Journal.open(dir, 4096)) {
            for (int i = 1; i <= 300; i++) {
                journal.appendDurably(payload(i));
            }
        }
        List<Path> segments;
        try (Stream<Path> files = Files.list(dir)) {
            segments = files.filter(f -> f.toString().endsWith(".rdj")).sorted().toList();
        }
        assertThat(segments).hasSizeGreaterThan(3);
        try (Journal journal = Journal.open(dir, 4096)) {
            assertThat(all(journal)).hasSize(300);
            assertThat(journal.lastSeq()).isEqualTo(300);
        }

        flipByte(segments.get(1), Journal.HEADER + 2);
        assertThatThrownBy(() -> Journal.open(dir, 4096)).isInstanceOf(JournalDamagedException.class);
    }

    @Test
    void appliedSegmentsDeleted_theRestStillOpensAndNumbersGoOn() throws Exception {
        try (Journal journal = Journal.open(dir, 4096)) {
            for (int i = 1; i <= 300; i++) {
                journal.appendDurably(payload(i));
            }
            assertThat(journal.deleteThrough(150)).isPositive();
        }
        try (Journal journal = Journal.open(dir, 4096)) {
            List<Journal.Entry> kept = all(journal);
            assertThat(kept.get(0).seq()).isLessThanOrEqualTo(151);
            assertThat(kept.get(kept.size() - 1).seq()).isEqualTo(300);
            assertThat(journal.appendDurably(payload(301))).isEqualTo(301);
            List<Journal.Entry> after = new ArrayList<>();
            journal.replay(150, after::add);
            assertThat(after.get(0).seq()).isEqualTo(151);
        }
    }

    @Test
    void manyThreadsAppendingDurably_everySeqOnceWithoutGaps() throws Exception {
        ConcurrentLinkedQueue<Long> seqs = new ConcurrentLinkedQueue<>();
        try (Journal journal = Journal.open(dir)) {
            CountDownLatch done = new CountDownLatch(8);
            for (int t = 0; t < 8; t++) {
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < 250; i++) {
                        seqs.add(journal.appendDurably(payload(i)));
                    }
                    done.countDown();
                });
                thread.start();
            }
            assertThat(done.await(120, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(seqs).hasSize(2000).doesNotHaveDuplicates().allMatch(s -> s >= 1 && s <= 2000);
        try (Journal journal = Journal.open(dir)) {
            assertThat(journal.lastSeq()).isEqualTo(2000);
            assertThat(all(journal)).hasSize(2000);
        }
    }

    @Test
    void killDashNine_whileAppending_everyAcknowledgedRecordIsThere() throws Exception {
        Random random = new Random(42);
        long acknowledgedSoFar = 0;
        for (int round = 0; round < 5; round++) {
            Path out = dir.resolveSibling(dir.getFileName() + "-writer-" + round + ".txt");
            Process writer = new ProcessBuilder(
                            ProcessHandle.current().info().command().orElse("java"),
                            "-cp",
                            System.getProperty("java.class.path"),
                            JournalWriterProcess.class.getName(),
                            dir.toString(),
                            "65536")
                    .redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            long wanted = acknowledgedSoFar + 100 + random.nextInt(400);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (lastLine(out) < wanted && System.nanoTime() < deadline && writer.isAlive()) {
                Thread.sleep(5);
            }
            writer.destroyForcibly(); // SIGKILL while it appends
            writer.waitFor(20, TimeUnit.SECONDS);
            long acknowledged = lastLine(out);
            assertThat(acknowledged).as("round %d wrote", round).isGreaterThan(acknowledgedSoFar);

            try (Journal journal = Journal.open(dir, 65536)) {
                assertThat(journal.lastSeq()).isGreaterThanOrEqualTo(acknowledged);
                List<Journal.Entry> entries = all(journal);
                for (int i = 0; i < entries.size(); i++) {
                    assertThat(entries.get(i).seq()).isEqualTo(i + 1);
                    assertThat(entries.get(i).payload()).isEqualTo(payload(i + 1));
                }
                acknowledgedSoFar = journal.lastSeq();
            }
        }
    }

    /** The last whole line of the writer's output: the newest acknowledged sequence number. */
    private static long lastLine(Path out) throws Exception {
        if (!Files.exists(out)) {
            return 0;
        }
        String text = Files.readString(out);
        int end = text.lastIndexOf('\n');
        if (end < 0) {
            return 0;
        }
        int start = text.lastIndexOf('\n', end - 1) + 1;
        return Long.parseLong(text.substring(start, end).strip());
    }
}
