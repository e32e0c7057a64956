package com.royaltydesk.platform.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far H2 holds each journal, recorded in H2 itself (table {@code journal_marks}) and believed
 * only when a start reads it back from the file it opened (decision 0017, "journal marks").
 *
 * <p>Why not trust a checkpoint: in crash run seed 46 a start put back a receipt from the journal,
 * checkpointed H2, moved the journal's mark past it, served for six seconds and was killed; the
 * next start found H2 exactly as the start before had opened it — the receipt, the checkpoint and
 * everything after gone — and the mark said the journal need not bring the receipt back: a hole in
 * the receipt log. A mark written into H2 cannot claim more than H2 kept: if H2 loses writes, it
 * loses the mark written after them with them, and the start replays from the mark H2 still has.
 *
 * <p>A mark is the position each journal was surely committed through, read before the transaction
 * that writes it begins ({@link DatabaseJournal#firstNotSurelyCommitted}): every record up to there
 * was committed before the mark, so H2 holding the mark holds them (H2 keeps commits in order).
 * Marks are written after a start has applied the journals, every {@link #EVERY} while serving (a
 * kill replays at most that much more than needed) and at a clean stop; a start adopts them
 * ({@link #adopt}) before it writes anything. A mark whose journal id differs — journals a restore
 * moved aside — is ignored, and so is a database without marks: then the journal's own mark file,
 * which only ever holds what an earlier start read, decides.
 */
public final class JournalMarks implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JournalMarks.class);

    /**
     * How often a serving platform records its marks: after a kill the next start reads every
     * record since the last one again (at 3.2 million events, 17.0 s of a 25.4-s start with 30 s;
     * 2.2 s of 11.5 s with 2 s — BENCHMARKS.md, decision 0029). A mark is one small transaction.
     */
    public static final Duration EVERY = Duration.ofSeconds(2);

    private final DataSource dataSource;
    private final List<DatabaseJournal> journals;
    private final Clock clock;
    private ScheduledExecutorService recorder;

    public JournalMarks(DataSource dataSource, List<DatabaseJournal> journals, Clock clock) {
        this.dataSource = dataSource;
        this.journals = List.copyOf(journals);
        this.clock = clock;
    }

    /** A mark as H2 holds it. */
    record Held(String journalId, long through) {}

    /**
     * At a start, before anything is written: each journal's mark becomes how far the opened file
     * holds it, so the start applies every record after that. Returns, per journal folder, the
     * first record the start applies.
     */
    public Map<String, Long> adopt() {
        Map<String, Held> held = read();
        Map<String, Long> from = new LinkedHashMap<>();
        for (DatabaseJournal journal : journals) {
            MarkedJournal marked = journal.marked();
            Held mark = held.get(journal.folder());
            if (mark != null && mark.journalId().equals(marked.id())) {
                long through = mark.through();
                if (through > marked.lastSeq()) {
                    // Records H2 committed whose journal copy a power cut took before it was on disk:
                    // never acknowledged. The journal goes on from its own end, so the mark must too,
                    // or the records appended next would count as already held.
                    LOG.warn(
                            "the database holds {} through record {}, but the journal ends at {}: the records after"
                                    + " it were never on disk, nor acknowledged",
                            journal.folder(),
                            through,
                            marked.lastSeq());
                    through = marked.lastSeq();
                }
                if (through < marked.appliedThrough()) {
                    LOG.warn(
                            "the database holds {} only through record {}, though an earlier start found it holding"
                                    + " record {}: what H2 held then is applied again from the journal",
                            journal.folder(),
                            through,
                            marked.appliedThrough());
                }
                marked.markApplied(through);
            }
            from.put(journal.folder(), marked.appliedThrough() + 1);
        }
        return from;
    }

    /** Records in H2 how far it holds each journal now; not made durable here (a lost mark is an older mark). */
    public void record() {
        Map<String, Long> through = new LinkedHashMap<>();
        Map<String, String> ids = new HashMap<>();
        for (DatabaseJournal journal : journals) {
            through.put(journal.folder(), journal.firstNotSurelyCommitted() - 1);
            ids.put(journal.folder(), journal.marked().id());
        }
        Timestamp now = Timestamp.from(clock.instant());
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement merge = connection.prepareStatement(
                    "MERGE INTO journal_marks (journal_folder, journal_id, held_through, recorded_at)"
                            + " KEY (journal_folder) VALUES (?, ?, ?, ?)")) {
                for (Map.Entry<String, Long> mark : through.entrySet()) {
                    merge.setString(1, mark.getKey());
                    merge.setString(2, ids.get(mark.getKey()));
                    merge.setLong(3, mark.getValue());
                    merge.setTimestamp(4, now);
                    merge.addBatch();
                }
                merge.executeBatch();
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the journals' marks: " + e.getMessage(), e);
        }
    }

    /** Records the marks every {@code every} until {@link #close}; a failure is logged and tried again. */
    public synchronized void recordWhileServing(Duration every) {
        if (recorder != null) {
            return;
        }
        recorder = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "journal-marks");
            thread.setDaemon(true);
            return thread;
        });
        long millis = every.toMillis();
        recorder.scheduleWithFixedDelay(
                () -> {
                    try {
                        record();
                    } catch (RuntimeException e) {
                        LOG.warn("the journals' marks were not recorded; trying again in {}: {}", every, e.toString());
                    }
                },
                millis,
                millis,
                TimeUnit.MILLISECONDS);
    }

    /** Stops recording while serving (the clean stop records once more itself). */
    @Override
    public synchronized void close() {
        if (recorder != null) {
            recorder.shutdownNow();
            try {
                recorder.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            recorder = null;
        }
    }

    private Map<String, Held> read() {
        Map<String, Held> held = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT journal_folder, journal_id, held_through FROM journal_marks");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                held.put(rows.getString(1), new Held(rows.getString(2), rows.getLong(3)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the journals' marks: " + e.getMessage(), e);
        }
        return held;
    }
}
