package com.royaltydesk.platform.usage;

import com.royaltydesk.platform.core.BootId;
import com.royaltydesk.platform.core.EventFingerprint;
import com.royaltydesk.platform.db.DedupTableKeptAcrossStarts;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.db.MVPrimaryIndex;
import org.h2.result.SearchRow;
import org.h2.table.Table;
import org.h2.value.VersionedValue;
import org.slf4j.LoggerFactory;

/**
 * The usage writes on H2, which keeps no dedup key in its file (decision 0025): a random key there
 * cost most of each insert and most of the file. Which events a host already sent is answered by
 * {@link SeenEvents} beside H2 (kept across starts, decision 0029), and every row it names is read
 * and its fingerprint and ids compared before an event is called a duplicate. One batch writes at a time ({@link #exclusively}), from its
 * look-up to its commit, so two batches carrying the same new id cannot both find it absent. The
 * table is opened — or, when the one kept from the last run cannot be trusted, built from the rows —
 * on first use (at start, before the journal's replay), and every insert adds to it before its
 * commit, so no row H2 holds can be missing from it.
 */
final class H2UsageStore {

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(H2UsageStore.class);
    /** Where the table of seen events is kept in the data folder. */
    static final String TABLE_FOLDER = "usage-seen";
    /** Fingerprints read before each sorted fill: 16 MB of arrays, and 8 MB sorted, on the heap. */
    private static final int LOAD_CHUNK = 1 << 20;

    private final Path tableDir;
    private final Supplier<Optional<UUID>> boot;
    private final ReentrantLock writer = new ReentrantLock();
    private final Object loading = new Object();
    private volatile SeenEvents seen;
    private volatile boolean keptFromLastRun;

    H2UsageStore(Path dataDir) {
        this(dataDir, BootId::current);
    }

    /** The same on a boot {@code boot} names (tests: a start after a reboot, or on a system without boot ids). */
    H2UsageStore(Path dataDir, Supplier<Optional<UUID>> boot) {
        this.tableDir = dataDir.resolve(TABLE_FOLDER);
        this.boot = boot;
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
                batch.bind(insert, batchSeq, events.get(i), fingerprints.get(i));
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

    /** Whether the table in use is the one kept from the last run rather than one built from the rows. */
    boolean keptFromLastRun() {
        return keptFromLastRun;
    }

    /**
     * Writes the table of seen events to the disk whole, so the next start opens it instead of
     * reading every row (a clean stop; no insert follows).
     */
    void close() {
        synchronized (loading) {
            if (seen != null) {
                seen.close();
            }
        }
    }

    /**
     * The table kept from the last run when it may be trusted, caught up on rows written without it;
     * else one built from every row. Inside a transaction of its own, ended before the pooled
     * connection goes back, unless called inside the caller's.
     */
    private SeenEvents loadFrom(Connection connection) throws SQLException {
        long started = System.nanoTime();
        // A caller's transaction (the first batch of a store never prepared) is left for it to end.
        boolean ownTransaction = connection.getAutoCommit();
        if (ownTransaction) {
            connection.setAutoCommit(false);
        }
        try {
            Optional<UUID> thisBoot = boot.get();
            Optional<UUID> lineage = lineage(connection);
            Optional<SeenEvents> kept = lineage.flatMap(l -> SeenEvents.reopen(tableDir, l, thisBoot));
            keptFromLastRun = kept.isPresent();
            if (kept.isPresent()) {
                long added = addRowsAbove(connection, kept.get());
                LOG.info(
                        "opened the table of seen events kept from the last run ({} events, {} of them written"
                                + " since) in {} ms",
                        kept.get().size(),
                        added,
                        (System.nanoTime() - started) / 1_000_000);
                return kept.get();
            }
            SeenEventsFile.deleteAll(tableDir);
            UUID fresh = UUID.randomUUID();
            SeenEvents table = build(connection, fresh, thisBoot);
            table.open();
            recordLineage(connection, fresh);
            LOG.info(
                    "read the fingerprints of {} stored usage events in {} ms{}",
                    table.size(),
                    (System.nanoTime() - started) / 1_000_000,
                    lineage.isPresent() ? " (the table kept from the last run could not be trusted)" : "");
            return table;
        } finally {
            if (ownTransaction) {
                connection.commit();
                connection.setAutoCommit(true);
            }
        }
    }

    private static Optional<UUID> lineage(Connection connection) throws SQLException {
        try (ResultSet r = connection
                .createStatement()
                .executeQuery("SELECT lineage FROM " + DedupTableKeptAcrossStarts.LINEAGE_TABLE)) {
            return r.next() ? Optional.of(UUID.fromString(r.getString(1).trim())) : Optional.empty();
        }
    }

    private static void recordLineage(Connection connection, UUID lineage) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("DELETE FROM " + DedupTableKeptAcrossStarts.LINEAGE_TABLE);
            s.executeUpdate("INSERT INTO " + DedupTableKeptAcrossStarts.LINEAGE_TABLE + " VALUES ('" + lineage + "')");
        }
    }

    /**
     * Rows above the highest the table names: a run that wrote rows without keeping the table up to
     * date (a copy of a running folder, say) would otherwise leave them unseen. Mostly none.
     */
    private static long addRowsAbove(Connection connection, SeenEvents table) throws SQLException {
        long added = 0;
        try (PreparedStatement above = connection.prepareStatement(
                "SELECT seq, fingerprint_hi FROM usage_events WHERE seq > ? ORDER BY seq")) {
            above.setLong(1, table.maxSeq());
            try (ResultSet r = above.executeQuery()) {
                while (r.next()) {
                    table.add(r.getLong(2), r.getLong(1));
                    added++;
                }
            }
        }
        return added;
    }

    /**
     * Reads every row's fingerprint from the rows' own map in H2's store, below its transactions (no
     * visibility check an entry: at 11 million events 17.5–18.9 s against 35 s through the primary
     * index's cursor — BENCHMARKS.md, "The table kept across starts"), {@value #LOAD_CHUNK} at a
     * time, each chunk added in the table's slot order. An entry a transaction left uncommitted is
     * taken in both its states: more entries are harmless, a missing one is not. Only when no table
     * kept from the last run can be trusted.
     */
    private SeenEvents build(Connection connection, UUID lineage, Optional<UUID> boot) throws SQLException {
        SessionLocal session =
                (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
        Table events = session.getDatabase().getSchema("public").findTableOrView(session, "usage_events");
        int hiColumn = events.getColumn("fingerprint_hi").getColumnId();
        MVMap<Long, VersionedValue<SearchRow>> rows = ((MVPrimaryIndex) events.getScanIndex(session)).getMVMap();
        SeenEvents table = new SeenEvents(tableDir, lineage, rows.sizeAsLong(), boot);
        SortedFill fill = new SortedFill(table);
        org.h2.mvstore.Cursor<Long, VersionedValue<SearchRow>> cursor = rows.cursor(null);
        while (cursor.hasNext()) {
            long seq = cursor.next();
            SearchRow committed = cursor.getValue().getCommittedValue();
            SearchRow current = cursor.getValue().getCurrentValue();
            if (committed != null) {
                fill.add(committed.getValue(hiColumn).getLong(), seq);
            }
            if (current != null && current != committed) {
                fill.add(current.getValue(hiColumn).getLong(), seq);
            }
        }
        fill.flush();
        return table;
    }

    /** Pairs gathered {@value #LOAD_CHUNK} at a time and added to the table in its slot order. */
    private static final class SortedFill {
        private final SeenEvents table;
        private final long[] his = new long[LOAD_CHUNK];
        private final long[] seqs = new long[LOAD_CHUNK];
        private int n;

        SortedFill(SeenEvents table) {
            this.table = table;
        }

        void add(long hi, long seq) {
            his[n] = hi;
            seqs[n] = seq;
            if (++n == LOAD_CHUNK) {
                flush();
            }
        }

        void flush() {
            table.addAll(his, seqs, n);
            n = 0;
        }
    }
}
