package com.royaltydesk.platform.usage;

import com.royaltydesk.platform.core.EventFingerprint;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.h2.engine.SessionLocal;
import org.h2.index.Cursor;
import org.h2.index.Index;
import org.h2.jdbc.JdbcConnection;
import org.h2.result.SearchRow;
import org.h2.table.Table;
import org.slf4j.LoggerFactory;

/**
 * The usage writes on H2, which keeps no dedup key in its file (decision 0025): a random key there
 * cost most of each insert and most of the file. Which events a host already sent is answered by
 * {@link SeenEvents} beside H2, and every row it names is read and its fingerprint and ids compared
 * before an event is called a duplicate. One batch writes at a time ({@link #exclusively}), from its
 * look-up to its commit, so two batches carrying the same new id cannot both find it absent. The
 * table is filled from the rows on first use (at start, before the journal's replay) and kept up to
 * date by every insert after that.
 */
final class H2UsageStore {

    /** V15's index on {@code (seq, fingerprint_hi)}: what a start reads the table from. */
    private static final String FINGERPRINTS_INDEX = "usage_events_fingerprints";
    /** Fingerprints read before each sorted fill: 16 MB of arrays, and 8 MB sorted, on the heap. */
    private static final int LOAD_CHUNK = 1 << 20;

    private final Path tableDir;
    private final ReentrantLock writer = new ReentrantLock();
    private final Object loading = new Object();
    private volatile SeenEvents seen;

    H2UsageStore(Path tableDir) {
        this.tableDir = tableDir;
    }

    /**
     * Runs a transaction that inserts usage events, alone among those that do. The transaction must
     * have ended (committed or rolled back) when {@code transaction} returns.
     */
    <T> T exclusively(Supplier<T> transaction) {
        writer.lock();
        try {
            return transaction.get();
        } finally {
            writer.unlock();
        }
    }

    /** Fills the table from the stored rows unless done before; returns how many events it holds. */
    long load(Connection connection) throws SQLException {
        return seen(connection).size();
    }

    /** Inserts each event unless this host already sent its id; returns, per event, its new row's {@code seq} or 0. */
    long[] insertIfAbsent(Connection connection, BatchToStore batch) throws SQLException {
        if (!writer.isHeldByCurrentThread()) {
            throw new IllegalStateException("usage events are inserted on H2 only inside H2UsageStore.exclusively");
        }
        SeenEvents table = seen(connection);
        List<PricedEvent> events = batch.events();
        String hostId = batch.hostId();
        long[] seqs = new long[events.size()];
        List<Integer> freshAt = new ArrayList<>();
        List<PricedEvent> fresh = new ArrayList<>();
        List<EventFingerprint> freshPrints = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            PricedEvent e = events.get(i);
            EventFingerprint fingerprint = EventFingerprint.of(hostId, e.eventId());
            if (!isStored(connection, table.rowsFor(fingerprint.hi()), fingerprint, hostId, e.eventId())) {
                freshAt.add(i);
                fresh.add(e);
                freshPrints.add(fingerprint);
            }
        }
        if (!fresh.isEmpty()) {
            long batchSeq = UsageBatchStore.findOrInsertOnH2(connection, batch);
            long[] inserted = insert(connection, batch.with(fresh), batchSeq, freshPrints);
            for (int i = 0; i < inserted.length; i++) {
                table.add(freshPrints.get(i).hi(), inserted[i]);
                seqs[freshAt.get(i)] = inserted[i];
            }
        }
        return seqs;
    }

    /** The event {@code eventId} of {@code hostId}, its row locked; null when there is none. */
    UsageStore.EventToVoid lockEvent(Connection connection, String hostId, String eventId) throws SQLException {
        EventFingerprint fingerprint = EventFingerprint.of(hostId, eventId);
        try (PreparedStatement select = connection.prepareStatement("SELECT " + UsageStore.EVENT_TO_VOID
                + " FROM usage_events WHERE seq = ? AND fingerprint_lo = ? AND event_id = ? FOR UPDATE")) {
            for (long seq : seen(connection).rowsFor(fingerprint.hi())) {
                select.setLong(1, seq);
                select.setLong(2, fingerprint.lo());
                select.setString(3, eventId);
                UsageStore.EventToVoid event = UsageStore.eventToVoid(connection, select, hostId);
                if (event != null) {
                    return event;
                }
            }
        }
        return null;
    }

    /**
     * Whether one of {@code rows} is this very event. A row with the same whole fingerprint but other
     * ids is a collision, refused loudly rather than called a duplicate; a row with only the same
     * first half is another event (or a rolled-back one, gone), and this one is new.
     */
    private static boolean isStored(
            Connection connection, long[] rows, EventFingerprint fingerprint, String hostId, String eventId)
            throws SQLException {
        if (rows.length == 0) {
            return false;
        }
        try (PreparedStatement select =
                connection.prepareStatement("SELECT e.fingerprint_lo, b.host_id, e.event_id FROM usage_events e"
                        + " JOIN usage_batches b ON b.batch_seq = e.batch_seq WHERE e.seq = ?")) {
            for (long seq : rows) {
                select.setLong(1, seq);
                try (ResultSet r = select.executeQuery()) {
                    if (!r.next() || r.getLong(1) != fingerprint.lo()) {
                        continue;
                    }
                    if (hostId.equals(r.getString(2)) && eventId.equals(r.getString(3))) {
                        return true;
                    }
                    throw new FingerprintCollision(eventId);
                }
            }
        }
        return false;
    }

    /** One JDBC batch of plain inserts; returns each row's {@code seq}, in order. */
    private static long[] insert(
            Connection connection, BatchToStore batch, long batchSeq, List<EventFingerprint> fingerprints)
            throws SQLException {
        List<PricedEvent> events = batch.events();
        String sql = "INSERT INTO usage_events (" + UsageStore.EVENT_COLUMNS + ") VALUES ("
                + "?, ".repeat(UsageStore.EVENT_PARAMETERS - 1) + "?)";
        long[] seqs = new long[events.size()];
        try (PreparedStatement insert = connection.prepareStatement(sql, new String[] {"SEQ"})) {
            for (int i = 0; i < events.size(); i++) {
                batch.bind(insert, 0, batchSeq, events.get(i), fingerprints.get(i));
                insert.addBatch();
            }
            insert.executeBatch();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                int i = 0;
                while (keys.next()) {
                    seqs[i++] = keys.getLong(1);
                }
                if (i != seqs.length) {
                    throw new IllegalStateException("H2 returned " + i + " row numbers for " + seqs.length + " rows");
                }
            }
        }
        return seqs;
    }

    private SeenEvents seen(Connection connection) throws SQLException {
        SeenEvents table = seen;
        if (table != null) {
            return table;
        }
        synchronized (loading) {
            if (seen == null) {
                seen = loadFrom(connection);
            }
            return seen;
        }
    }

    /**
     * Reads the fingerprints through H2's index cursor rather than SQL, {@value #LOAD_CHUNK} at a
     * time, and adds each chunk in the table's slot order: at 10.5 million events the SQL read took
     * 3.8 s warm against 2.7 s, and the fill 6–8 s against 3.5–4.7 s (BENCHMARKS.md, "Dedup beside
     * H2"). Inside a transaction of its own, ended before the pooled connection goes back, unless
     * called inside the caller's.
     */
    private SeenEvents loadFrom(Connection connection) throws SQLException {
        long started = System.nanoTime();
        SessionLocal session =
                (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
        Index index = session.getDatabase().getSchema("public").findIndex(session, FINGERPRINTS_INDEX);
        if (index == null) {
            throw new IllegalStateException("the usage events' index " + FINGERPRINTS_INDEX + " (V15) is missing");
        }
        Table events = index.getTable();
        int hiColumn = events.getColumn("fingerprint_hi").getColumnId();
        int seqColumn = events.getColumn("seq").getColumnId();
        // A caller's transaction (the first batch of a store never prepared) is left for it to end.
        boolean ownTransaction = connection.getAutoCommit();
        if (ownTransaction) {
            connection.setAutoCommit(false);
        }
        try {
            SeenEvents table = new SeenEvents(tableDir, index.getRowCount(session));
            long[] his = new long[LOAD_CHUNK];
            long[] seqs = new long[LOAD_CHUNK];
            int n = 0;
            Cursor rows = index.find(session, null, null, false);
            while (rows.next()) {
                SearchRow row = rows.getSearchRow();
                his[n] = row.getValue(hiColumn).getLong();
                seqs[n] = row.getValue(seqColumn).getLong();
                if (++n == LOAD_CHUNK) {
                    table.addAll(his, seqs, n);
                    n = 0;
                }
            }
            table.addAll(his, seqs, n);
            LoggerFactory.getLogger(H2UsageStore.class)
                    .info(
                            "read the fingerprints of {} stored usage events in {} ms",
                            table.size(),
                            (System.nanoTime() - started) / 1_000_000);
            return table;
        } finally {
            if (ownTransaction) {
                connection.commit();
                connection.setAutoCommit(true);
            }
        }
    }
}
