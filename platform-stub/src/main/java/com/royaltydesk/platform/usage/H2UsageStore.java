package com.royaltydesk.platform.usage;

import com.royaltydesk.platform.core.EventFingerprint;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
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
            long[] inserted = insert(connection, batch.with(fresh), freshPrints);
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
        try (PreparedStatement select =
                connection.prepareStatement("SELECT seq, status, period, amount FROM usage_events"
                        + " WHERE seq = ? AND fingerprint_lo = ? AND host_id = ? AND event_id = ? FOR UPDATE")) {
            for (long seq : seen(connection).rowsFor(fingerprint.hi())) {
                select.setLong(1, seq);
                select.setLong(2, fingerprint.lo());
                select.setString(3, hostId);
                select.setString(4, eventId);
                try (ResultSet r = select.executeQuery()) {
                    if (r.next()) {
                        return new UsageStore.EventToVoid(
                                r.getLong(1), r.getString(2), r.getString(3), r.getBigDecimal(4));
                    }
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
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT fingerprint_lo, host_id, event_id FROM usage_events WHERE seq = ?")) {
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
    private static long[] insert(Connection connection, BatchToStore batch, List<EventFingerprint> fingerprints)
            throws SQLException {
        List<PricedEvent> events = batch.events();
        String sql = "INSERT INTO usage_events (" + UsageStore.EVENT_COLUMNS + ") VALUES ("
                + "?, ".repeat(UsageStore.EVENT_PARAMETERS - 1) + "?)";
        long[] seqs = new long[events.size()];
        try (PreparedStatement insert = connection.prepareStatement(sql, new String[] {"SEQ"})) {
            for (int i = 0; i < events.size(); i++) {
                batch.bind(insert, 0, events.get(i), fingerprints.get(i));
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

    private SeenEvents loadFrom(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            long count;
            try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM usage_events")) {
                r.next();
                count = r.getLong(1);
            }
            long started = System.nanoTime();
            SeenEvents table = new SeenEvents(tableDir, count);
            // Lazily: by default H2 builds the whole result before the first row (spilled to a temporary
            // file beyond a few thousand rows) — 8.4 s of a 10.7-s read at 10 million events, against
            // 4.9 s for the lazy read (BENCHMARKS.md, "Ingestion"). Reset after: the connection is pooled.
            s.execute("SET LAZY_QUERY_EXECUTION TRUE");
            try (ResultSet r = s.executeQuery(
                    "SELECT fingerprint_hi, seq FROM usage_events USE INDEX (usage_events_fingerprints)")) {
                while (r.next()) {
                    table.add(r.getLong(1), r.getLong(2));
                }
            } finally {
                s.execute("SET LAZY_QUERY_EXECUTION FALSE");
            }
            LoggerFactory.getLogger(H2UsageStore.class)
                    .info(
                            "read the fingerprints of {} stored usage events in {} ms",
                            table.size(),
                            (System.nanoTime() - started) / 1_000_000);
            return table;
        }
    }
}
