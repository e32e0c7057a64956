package com.royaltydesk.platform.usage;

import com.royaltydesk.platform.core.EventFingerprint;
import com.royaltydesk.platform.db.DataAccessException;
import com.royaltydesk.platform.db.Dialect;
import com.royaltydesk.platform.db.Jdbc;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.sql.DataSource;

/** Usage events and their daily rollups. Events are never updated except to hold, release or void. */
public final class UsageStore {

    /** One rollup row's identity; sorted so concurrent batches lock rows in the same order. */
    record RollupKey(
            String period,
            java.time.LocalDate day,
            String creatorId,
            String assetId,
            String modelId,
            String receiptId,
            String currency)
            implements Comparable<RollupKey> {

        private static final Comparator<RollupKey> ORDER = Comparator.comparing(RollupKey::day)
                .thenComparing(RollupKey::creatorId)
                .thenComparing(RollupKey::assetId)
                .thenComparing(RollupKey::modelId)
                .thenComparing(RollupKey::receiptId)
                .thenComparing(RollupKey::currency);

        @Override
        public int compareTo(RollupKey other) {
            return ORDER.compare(this, other);
        }
    }

    /** Sums for one rollup row. */
    static final class Sums {
        long events;
        long tokens;
        BigDecimal revenue = BigDecimal.ZERO;
        BigDecimal amount = BigDecimal.ZERO;
        BigDecimal units = BigDecimal.ZERO;
    }

    private static final String MERGE_ROLLUP = """
            MERGE INTO usage_rollups r
            USING (SELECT CAST(? AS CHAR(7)) AS period, CAST(? AS DATE) AS usage_day, CAST(? AS VARCHAR(64)) AS creator_id,
                          CAST(? AS VARCHAR(64)) AS asset_id, CAST(? AS VARCHAR(128)) AS model_id,
                          CAST(? AS VARCHAR(64)) AS receipt_id, CAST(? AS CHAR(3)) AS currency,
                          CAST(? AS BIGINT) AS events, CAST(? AS BIGINT) AS tokens, CAST(? AS NUMERIC(38, 18)) AS revenue,
                          CAST(? AS NUMERIC(38, 18)) AS amount, CAST(? AS NUMERIC(38, 18)) AS units) v
            ON r.usage_day = v.usage_day AND r.creator_id = v.creator_id AND r.asset_id = v.asset_id AND r.model_id = v.model_id
               AND r.receipt_id = v.receipt_id AND r.currency = v.currency
            WHEN MATCHED THEN UPDATE SET events = r.events + v.events, tokens = r.tokens + v.tokens,
                 revenue = r.revenue + v.revenue, amount = r.amount + v.amount, units = r.units + v.units
            WHEN NOT MATCHED THEN INSERT (period, usage_day, creator_id, asset_id, model_id, receipt_id, currency, events, tokens,
                 revenue, amount, units)
                 VALUES (v.period, v.usage_day, v.creator_id, v.asset_id, v.model_id, v.receipt_id, v.currency, v.events, v.tokens,
                 v.revenue, v.amount, v.units)""";

    /** The columns {@link #bindEvent} binds, in its order. */
    static final String EVENT_COLUMNS = "batch_seq, event_id, receipt_id, event_time, tokens, revenue, amount, units,"
            + " currency, status, hold_reason, fingerprint_hi, fingerprint_lo";

    /** How many parameters {@link #bindEvent} binds. */
    static final int EVENT_PARAMETERS = 13;

    /** The columns {@link #eventToVoid} reads. */
    static final String EVENT_TO_VOID = "seq, status, event_time, amount, batch_seq";

    private final DataSource dataSource;
    private final Dialect dialect;
    /** On H2, dedup beside the file (decision 0025); null on PostgreSQL, whose unique key decides. */
    private final H2UsageStore h2;

    /** {@code dataDir}: where H2's table of seen events is kept across starts (decision 0029). */
    public UsageStore(DataSource dataSource, Dialect dialect, Path dataDir) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.h2 = dialect == Dialect.H2 ? new H2UsageStore(dataDir) : null;
    }

    /** On H2 with the given dedup beside the file (tests: starts on another boot). */
    UsageStore(DataSource dataSource, H2UsageStore h2) {
        this.dataSource = dataSource;
        this.dialect = Dialect.H2;
        this.h2 = h2;
    }

    /** At a clean stop, once nothing inserts any more: H2's table of seen events written to the disk whole. */
    public void close() {
        if (h2 != null) {
            h2.close();
        }
    }

    /**
     * Runs a transaction that inserts usage events: on H2 alone among those (dedup beside H2 must see
     * every earlier batch committed), on PostgreSQL as it comes (the database's unique key decides).
     */
    <T> T inserting(Supplier<T> transaction) {
        return h2 == null ? transaction.get() : h2.exclusively(transaction);
    }

    /**
     * On H2, fills the table of seen events from the stored rows, so the first batch after a start
     * does not; returns how many it holds (0 on PostgreSQL, which needs none).
     */
    long prepareDedup() {
        if (h2 == null) {
            return 0;
        }
        try (Connection connection = dataSource.getConnection()) {
            return h2.load(connection);
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    public Set<String> closedPeriods() {
        try (Connection connection = dataSource.getConnection()) {
            return closedPeriods(connection);
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** The same inside a transaction, after {@link PeriodGate#holdOpen}. */
    /** An event as a void reads it: its row, locked until the transaction ends. */
    record EventToVoid(long seq, String status, String period, BigDecimal amount) {}

    /** The event {@code eventId} of {@code hostId}, its row locked; null when there is none. */
    EventToVoid lockEvent(Connection connection, String hostId, String eventId) throws SQLException {
        if (h2 != null) {
            return h2.lockEvent(connection, hostId, eventId);
        }
        EventFingerprint fingerprint = EventFingerprint.of(hostId, eventId);
        try (PreparedStatement select = connection.prepareStatement("SELECT " + EVENT_TO_VOID + " FROM usage_events"
                + " WHERE fingerprint_hi = ? AND fingerprint_lo = ? AND event_id = ? FOR UPDATE")) {
            select.setLong(1, fingerprint.hi());
            select.setLong(2, fingerprint.lo());
            select.setString(3, eventId);
            return eventToVoid(connection, select, hostId);
        }
    }

    /**
     * The event {@code select} (of {@link #EVENT_TO_VOID}) finds, if {@code hostId} sent it; null
     * otherwise. The host is its batch's (V17).
     */
    static EventToVoid eventToVoid(Connection connection, PreparedStatement select, String hostId) throws SQLException {
        try (ResultSet r = select.executeQuery()) {
            if (!r.next() || !hostId.equals(UsageBatchStore.hostOf(connection, r.getLong(5)))) {
                return null;
            }
            return new EventToVoid(
                    r.getLong(1), r.getString(2), Periods.of(Jdbc.instant(r.getTimestamp(3))), r.getBigDecimal(4));
        }
    }

    boolean voidExists(Connection connection, String voidId) throws SQLException {
        try (PreparedStatement known = connection.prepareStatement("SELECT 1 FROM usage_voids WHERE void_id = ?")) {
            known.setString(1, voidId);
            try (ResultSet r = known.executeQuery()) {
                return r.next();
            }
        }
    }

    /** Books a void of the event at {@code seq} into {@code bookedPeriod} and marks the event voided. */
    void insertVoid(
            Connection connection,
            String voidId,
            long seq,
            String reason,
            String bookedPeriod,
            BigDecimal correction,
            Instant now)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO usage_voids (void_id, event_seq, reason, booked_period, amount, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, voidId);
            insert.setLong(2, seq);
            insert.setString(3, reason);
            insert.setString(4, bookedPeriod);
            insert.setBigDecimal(5, correction);
            insert.setTimestamp(6, Jdbc.timestamp(now));
            insert.executeUpdate();
        }
        try (PreparedStatement update =
                connection.prepareStatement("UPDATE usage_events SET status = 'voided' WHERE seq = ?")) {
            update.setLong(1, seq);
            update.executeUpdate();
        }
    }

    Set<String> closedPeriods(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT period FROM closed_periods");
                ResultSet rows = select.executeQuery()) {
            Set<String> periods = new HashSet<>();
            while (rows.next()) {
                periods.add(rows.getString(1));
            }
            return periods;
        }
    }

    /**
     * Inserts each event unless this host already sent its id; returns, per event, whether it was
     * new. Every event found stored is checked to be the same id, not only the same fingerprint: a
     * different id is refused as a {@link FingerprintCollision}. On H2 only inside {@link #inserting}.
     * A held event is also listed in {@code usage_held}, which releases and balances read (held
     * events are rare; the events themselves carry no index but their key — decision 0025).
     */
    boolean[] insertIfAbsent(
            Connection connection,
            String hostId,
            String batchId,
            List<PricedEvent> events,
            Predicate<PricedEvent> held,
            String holdReason,
            Instant receivedAt)
            throws SQLException {
        BatchToStore batch = new BatchToStore(hostId, batchId, events, held, holdReason, receivedAt);
        long[] seqs = h2 == null
                ? PostgresUsageStore.insertIfAbsent(connection, batch)
                : h2.insertIfAbsent(connection, batch);
        boolean[] inserted = new boolean[seqs.length];
        try (PreparedStatement hold =
                connection.prepareStatement("INSERT INTO usage_held (seq, batch_id, creator_id) VALUES (?, ?, ?)")) {
            boolean anyHeld = false;
            for (int i = 0; i < seqs.length; i++) {
                inserted[i] = seqs[i] != 0;
                if (inserted[i] && held.test(events.get(i))) {
                    hold.setLong(1, seqs[i]);
                    hold.setString(2, batchId);
                    hold.setString(3, events.get(i).creatorId());
                    hold.addBatch();
                    anyHeld = true;
                }
            }
            if (anyHeld) {
                hold.executeBatch();
            }
        }
        return inserted;
    }

    /**
     * Binds one event's {@value #EVENT_PARAMETERS} columns, in the order of {@link #EVENT_COLUMNS};
     * {@code batchSeq} numbers its batch's row (V17: host, batch id and
     * arrival live there, model, asset and creator in its receipt, its period is its time's month);
     * {@code holdReason} null means accepted; {@code fingerprint} is the event's, computed once by the
     * caller (SHA-256 per event).
     */
    static void bindEvent(
            PreparedStatement s, long batchSeq, PricedEvent e, String holdReason, EventFingerprint fingerprint)
            throws SQLException {
        s.setLong(1, batchSeq);
        s.setString(2, e.eventId());
        s.setString(3, e.receiptId());
        s.setTimestamp(4, Jdbc.timestamp(e.eventTime()));
        s.setLong(5, e.tokens());
        if (e.revenue() == null) {
            s.setNull(6, Types.NUMERIC);
        } else {
            s.setBigDecimal(6, e.revenue());
        }
        s.setBigDecimal(7, e.amount());
        s.setBigDecimal(8, e.units());
        s.setString(9, e.currency());
        s.setString(10, status(holdReason));
        s.setString(11, holdReason);
        s.setLong(12, fingerprint.hi());
        s.setLong(13, fingerprint.lo());
    }

    /** A new row's {@code status}: held when it has a reason to be, else accepted. */
    static String status(String holdReason) {
        return holdReason == null ? "accepted" : "held";
    }

    /** Adds accepted events to their daily rollups, rows in a fixed order so concurrent batches cannot deadlock. */
    void addToRollups(Connection connection, List<PricedEvent> events) throws SQLException {
        Map<RollupKey, Sums> groups = new TreeMap<>();
        for (PricedEvent e : events) {
            RollupKey key = new RollupKey(
                    e.period(),
                    Periods.day(e.eventTime()),
                    e.creatorId(),
                    e.assetId(),
                    e.modelId(),
                    e.receiptId(),
                    e.currency());
            Sums sums = groups.computeIfAbsent(key, k -> new Sums());
            sums.events++;
            sums.tokens += e.tokens();
            sums.revenue = sums.revenue.add(e.revenue() == null ? BigDecimal.ZERO : e.revenue());
            sums.amount = sums.amount.add(e.amount());
            sums.units = sums.units.add(e.units());
        }
        if (dialect == Dialect.POSTGRESQL) {
            PostgresUsageStore.addToRollups(connection, groups);
            return;
        }
        try (PreparedStatement merge = connection.prepareStatement(MERGE_ROLLUP)) {
            for (Map.Entry<RollupKey, Sums> group : groups.entrySet()) {
                RollupKey k = group.getKey();
                Sums s = group.getValue();
                merge.setString(1, k.period());
                merge.setDate(2, Date.valueOf(k.day()));
                merge.setString(3, k.creatorId());
                merge.setString(4, k.assetId());
                merge.setString(5, k.modelId());
                merge.setString(6, k.receiptId());
                merge.setString(7, k.currency());
                merge.setLong(8, s.events);
                merge.setLong(9, s.tokens);
                merge.setBigDecimal(10, s.revenue);
                merge.setBigDecimal(11, s.amount);
                merge.setBigDecimal(12, s.units);
                merge.addBatch();
            }
            merge.executeBatch();
        }
    }

    /** The held events of a batch, as priced events, for release: they become accepted. */
    List<PricedEvent> held(Connection connection, String batchId) throws SQLException {
        List<PricedEvent> events = new ArrayList<>();
        List<Long> seqs = new ArrayList<>();
        try (PreparedStatement select =
                connection.prepareStatement("SELECT e.seq, e.event_id, r.model_id, e.receipt_id,"
                        + " r.dataset_id, r.creator_id, e.event_time, e.tokens, e.revenue, e.amount, e.units, e.currency"
                        + " FROM usage_held h JOIN usage_events e ON e.seq = h.seq"
                        + " JOIN receipts r ON r.receipt_id = e.receipt_id"
                        + " WHERE h.batch_id = ? AND e.status = 'held' ORDER BY e.seq FOR UPDATE")) {
            select.setString(1, batchId);
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    seqs.add(r.getLong(1));
                    events.add(new PricedEvent(
                            events.size(),
                            r.getString(2),
                            r.getString(3),
                            r.getString(4),
                            r.getString(5),
                            r.getString(6),
                            Jdbc.instant(r.getTimestamp(7)),
                            r.getLong(8),
                            r.getBigDecimal(9),
                            r.getBigDecimal(10),
                            r.getBigDecimal(11),
                            r.getString(12)));
                }
            }
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE usage_events SET status = 'accepted', hold_reason = NULL WHERE seq = ?")) {
            for (long seq : seqs) {
                update.setLong(1, seq);
                update.addBatch();
            }
            if (!seqs.isEmpty()) {
                update.executeBatch();
            }
        }
        try (PreparedStatement released = connection.prepareStatement("DELETE FROM usage_held WHERE batch_id = ?")) {
            released.setString(1, batchId);
            released.executeUpdate();
        }
        return events;
    }
}
