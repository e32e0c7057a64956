package com.royaltydesk.platform.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.platform.testutil.NoDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journals' marks live in H2 and are believed only as a start reads them back (decision 0017):
 * a journal begins where the opened file says, and never where a mark of another journal says.
 */
@Tag(NoDatabase.TAG)
class JournalMarksTest {

    @TempDir
    Path dir;

    private JdbcDataSource dataSource;

    /** A journal whose records are all committed as soon as written (as the change journal's are). */
    private record Committed(String folder, MarkedJournal marked) implements DatabaseJournal {
        @Override
        public long firstNotSurelyCommitted() {
            return marked.lastSeq() + 1;
        }
    }

    @BeforeEach
    void database() throws Exception {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:" + dir.resolve("db").toAbsolutePath() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
        String migration = new String(
                Objects.requireNonNull(getClass().getResourceAsStream("/db/migration/V14__journal_marks.sql"))
                        .readAllBytes(),
                StandardCharsets.UTF_8);
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute(migration);
        }
    }

    private Committed journal(String folder, int records) {
        MarkedJournal marked = MarkedJournal.open(dir.resolve(folder));
        for (int i = 0; i < records; i++) {
            marked.appendDurably(("record " + i).getBytes(StandardCharsets.UTF_8));
        }
        return new Committed(folder, marked);
    }

    @Test
    void recorded_thenAdopted_theJournalStartsAfterWhatTheDatabaseHolds() {
        Committed usage = journal("journal/usage", 7);
        JournalMarks marks = new JournalMarks(dataSource, List.of(usage), Clock.systemUTC());
        marks.record();
        usage.marked().appendDurably("written after the mark".getBytes(StandardCharsets.UTF_8));

        assertThat(marks.adopt()).containsEntry("journal/usage", 8L);
        assertThat(usage.marked().appliedThrough()).isEqualTo(7);
        usage.marked().close();
    }

    @Test
    void whileServing_theMarksFollowTheJournal() throws Exception {
        Committed changes = journal("journal/changes", 2);
        try (JournalMarks marks = new JournalMarks(dataSource, List.of(changes), Clock.systemUTC())) {
            marks.recordWhileServing(java.time.Duration.ofMillis(20));
            changes.marked().appendDurably("a later write".getBytes(StandardCharsets.UTF_8));
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (heldThrough("journal/changes") < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        assertThat(heldThrough("journal/changes")).isEqualTo(3);
        changes.marked().close();
    }

    private long heldThrough(String folder) throws Exception {
        try (Connection c = dataSource.getConnection();
                var select = c.prepareStatement("SELECT held_through FROM journal_marks WHERE journal_folder = ?")) {
            select.setString(1, folder);
            try (var row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : -1;
            }
        }
    }

    @Test
    void theDatabaseHoldsLessThanAnEarlierStartFound_theJournalStartsThere() {
        Committed receipts = journal("journal/receipts", 3);
        JournalMarks marks = new JournalMarks(dataSource, List.of(receipts), Clock.systemUTC());
        marks.record();
        receipts.marked().appendDurably("later".getBytes(StandardCharsets.UTF_8));
        receipts.marked().markApplied(4); // what an earlier start found, before H2 lost it again

        marks.adopt();

        assertThat(receipts.marked().appliedThrough()).isEqualTo(3);
        receipts.marked().close();
    }

    /**
     * A power cut can take a journal's last records (written, not yet on disk, never acknowledged)
     * while H2's file kept their commits and a mark past them. The journal goes on from its own end;
     * a mark left past it would make the next records look held already.
     */
    @Test
    void aMarkPastTheJournalsEnd_isTakenAsTheEnd() throws Exception {
        Committed usage = journal("journal/usage", 6);
        JournalMarks marks = new JournalMarks(dataSource, List.of(usage), Clock.systemUTC());
        marks.record();
        usage.marked().close();
        Path segment;
        try (var files = Files.list(dir.resolve("journal/usage"))) {
            segment =
                    files.filter(f -> f.toString().endsWith(".rdj")).findFirst().orElseThrow();
        }
        long sixRecords = Files.size(segment);
        try (var channel = java.nio.channels.FileChannel.open(segment, java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(sixRecords * 4 / 6); // the last two records gone, as a power cut leaves it
        }
        Committed afterTheCut = new Committed("journal/usage", MarkedJournal.open(dir.resolve("journal/usage")));
        assertThat(afterTheCut.marked().lastSeq()).isEqualTo(4);

        new JournalMarks(dataSource, List.of(afterTheCut), Clock.systemUTC()).adopt();

        assertThat(afterTheCut.marked().appliedThrough()).isEqualTo(4);
        afterTheCut.marked().close();
    }

    @Test
    void aMarkOfJournalsARestoreMovedAside_isNotTakenForTheNewOnes() throws Exception {
        Committed old = journal("journal/changes", 50);
        new JournalMarks(dataSource, List.of(old), Clock.systemUTC()).record();
        old.marked().close();
        Files.move(dir.resolve("journal/changes"), dir.resolve("journal/changes.before-restore"));
        Committed begunAnew = journal("journal/changes", 5);

        new JournalMarks(dataSource, List.of(begunAnew), Clock.systemUTC()).adopt();

        assertThat(begunAnew.marked().appliedThrough())
                .as("every record of the new journal is applied; the old one's mark says 50")
                .isZero();
        begunAnew.marked().close();
    }

    @Test
    void noMarkInTheDatabase_theJournalsOwnMarkStands() throws Exception {
        Committed usage = journal("journal/usage", 4);
        usage.marked().markApplied(2);
        try (Connection c = DriverManager.getConnection(dataSource.getURL());
                Statement s = c.createStatement()) {
            s.execute("DELETE FROM journal_marks");
        }

        new JournalMarks(dataSource, List.of(usage), Clock.systemUTC()).adopt();

        assertThat(usage.marked().appliedThrough()).isEqualTo(2);
        usage.marked().close();
    }
}
