package com.royaltydesk.platform.usage;

import com.royaltydesk.platform.core.EventFingerprint;
import com.royaltydesk.platform.db.Dialect;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The usage writes on PostgreSQL: multi-row inserts with {@code ON CONFLICT}, so a batch is a few
 * statements instead of one per event, and a concurrent insert of the same {@code event_id} from
 * another instance waits for that one to commit and then counts as a duplicate instead of failing.
 */
final class PostgresUsageStore {

    /** Rollup rows per statement: 12 parameters each stays well under PostgreSQL's 32,767 per statement. */
    private static final int ROWS_PER_STATEMENT = 1000;

    private static final String ROLLUP_COLUMNS =
            "period, usage_day, creator_id, asset_id, model_id, receipt_id, currency, events, tokens, revenue, amount, units";

    private PostgresUsageStore() {}

    /**
     * The events of a batch as one array a column, unnested into rows: one statement of 13
     * parameters whatever the batch's size, prepared once on the server, where a {@code VALUES} list
     * of 13,000 parameters was parsed and planned again for every batch (BENCHMARKS.md, "Ingestion
     * on PostgreSQL"). Rows keep the arrays' order, so {@code seq} follows the batch as before.
     */
    private static final String INSERT_EVENTS = "INSERT INTO usage_events (" + UsageStore.EVENT_COLUMNS + ")"
            + " SELECT ?::bigint, u.* FROM unnest(?::text[], ?::text[], ?::timestamptz[], ?::bigint[],"
            + " ?::numeric[], ?::numeric[], ?::numeric[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::bigint[])"
            + " AS u ON CONFLICT (fingerprint_hi, fingerprint_lo) DO NOTHING RETURNING event_id, seq";

    /** Inserts the events this host has not sent before; answers, per event, its new row's {@code seq} or 0. */
    static long[] insertIfAbsent(Connection connection, BatchToStore batch) throws SQLException {
        List<PricedEvent> events = batch.events();
        // Ids are unique within a batch (the service drops repeats first), so an id maps to one row.
        Map<String, Integer> rowOfId = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            rowOfId.put(events.get(i).eventId(), i);
        }
        long[] seqs = new long[events.size()];
        // Written first, since every event names it; taken back below if none of them is stored.
        long batchSeq = UsageBatchStore.insert(connection, Dialect.POSTGRESQL, batch);
        boolean anyStored = false;
        try (PreparedStatement insert = connection.prepareStatement(INSERT_EVENTS)) {
            bindColumns(connection, insert, batchSeq, batch);
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    seqs[rowOfId.get(rows.getString(1))] = rows.getLong(2);
                    anyStored = true;
                }
            }
        }
        requireSameIds(connection, batch.hostId(), events, seqs);
        if (!anyStored) {
            UsageBatchStore.delete(connection, batchSeq); // a batch of duplicates only leaves no row
        }
        return seqs;
    }

    /** The columns of {@link UsageStore#EVENT_COLUMNS} after {@code batch_seq}, each as one array. */
    private static void bindColumns(Connection connection, PreparedStatement insert, long batchSeq, BatchToStore batch)
            throws SQLException {
        List<PricedEvent> events = batch.events();
        int n = events.size();
        String[] eventIds = new String[n];
        String[] receiptIds = new String[n];
        String[] times = new String[n];
        Long[] tokens = new Long[n];
        BigDecimal[] revenues = new BigDecimal[n];
        BigDecimal[] amounts = new BigDecimal[n];
        BigDecimal[] units = new BigDecimal[n];
        String[] currencies = new String[n];
        String[] statuses = new String[n];
        String[] holdReasons = new String[n];
        Long[] fingerprintsHi = new Long[n];
        Long[] fingerprintsLo = new Long[n];
        for (int i = 0; i < n; i++) {
            PricedEvent e = events.get(i);
            String holdReason = batch.holdReason(e);
            EventFingerprint fingerprint = EventFingerprint.of(batch.hostId(), e.eventId());
            eventIds[i] = e.eventId();
            receiptIds[i] = e.receiptId();
            // ISO-8601 in UTC; PostgreSQL rounds it to microseconds, as it did a bound timestamp.
            times[i] = e.eventTime().toString();
            tokens[i] = e.tokens();
            revenues[i] = e.revenue();
            amounts[i] = e.amount();
            units[i] = e.units();
            currencies[i] = e.currency();
            statuses[i] = UsageStore.status(holdReason);
            holdReasons[i] = holdReason;
            fingerprintsHi[i] = fingerprint.hi();
            fingerprintsLo[i] = fingerprint.lo();
        }
        int p = 0;
        insert.setLong(++p, batchSeq);
        insert.setArray(++p, connection.createArrayOf("text", eventIds));
        insert.setArray(++p, connection.createArrayOf("text", receiptIds));
        insert.setArray(++p, connection.createArrayOf("text", times));
        insert.setArray(++p, connection.createArrayOf("bigint", tokens));
        insert.setArray(++p, connection.createArrayOf("numeric", revenues));
        insert.setArray(++p, connection.createArrayOf("numeric", amounts));
        insert.setArray(++p, connection.createArrayOf("numeric", units));
        insert.setArray(++p, connection.createArrayOf("text", currencies));
        insert.setArray(++p, connection.createArrayOf("text", statuses));
        insert.setArray(++p, connection.createArrayOf("text", holdReasons));
        insert.setArray(++p, connection.createArrayOf("bigint", fingerprintsHi));
        insert.setArray(++p, connection.createArrayOf("bigint", fingerprintsLo));
    }

    /**
     * For each event not inserted, the stored row with its fingerprint must be this very host and
     * event id: a different one is a fingerprint collision, which is refused loudly (the batch rolls
     * back) rather than counted as a duplicate — a false duplicate would be usage never paid for.
     */
    private static void requireSameIds(Connection connection, String hostId, List<PricedEvent> events, long[] seqs)
            throws SQLException {
        try (PreparedStatement stored = connection.prepareStatement(
                "SELECT b.host_id, e.event_id FROM usage_events e JOIN usage_batches b ON b.batch_seq = e.batch_seq"
                        + " WHERE e.fingerprint_hi = ? AND e.fingerprint_lo = ?")) {
            for (int i = 0; i < events.size(); i++) {
                if (seqs[i] != 0) {
                    continue;
                }
                PricedEvent e = events.get(i);
                EventFingerprint fingerprint = EventFingerprint.of(hostId, e.eventId());
                stored.setLong(1, fingerprint.hi());
                stored.setLong(2, fingerprint.lo());
                try (ResultSet r = stored.executeQuery()) {
                    if (!r.next()) {
                        // Events are never deleted: what the insert found stored must still be there.
                        throw new IllegalStateException("event " + e.eventId() + " was found stored and then not");
                    }
                    if (!hostId.equals(r.getString(1)) || !e.eventId().equals(r.getString(2))) {
                        throw new FingerprintCollision(e.eventId());
                    }
                }
            }
        }
    }

    /** Adds the sums to their rollup rows, creating the rows that do not exist yet, in key order. */
    static void addToRollups(Connection connection, Map<UsageStore.RollupKey, UsageStore.Sums> groups)
            throws SQLException {
        List<Map.Entry<UsageStore.RollupKey, UsageStore.Sums>> rows = new ArrayList<>(groups.entrySet());
        for (List<Map.Entry<UsageStore.RollupKey, UsageStore.Sums>> chunk : chunks(rows)) {
            String sql = "INSERT INTO usage_rollups AS r (" + ROLLUP_COLUMNS + ") VALUES "
                    + placeholders(chunk.size(), 12)
                    + " ON CONFLICT (usage_day, creator_id, asset_id, model_id, receipt_id, currency) DO UPDATE SET"
                    + " events = r.events + EXCLUDED.events, tokens = r.tokens + EXCLUDED.tokens,"
                    + " revenue = r.revenue + EXCLUDED.revenue, amount = r.amount + EXCLUDED.amount,"
                    + " units = r.units + EXCLUDED.units";
            try (PreparedStatement upsert = connection.prepareStatement(sql)) {
                int p = 0;
                for (Map.Entry<UsageStore.RollupKey, UsageStore.Sums> row : chunk) {
                    UsageStore.RollupKey k = row.getKey();
                    UsageStore.Sums s = row.getValue();
                    upsert.setString(++p, k.period());
                    upsert.setDate(++p, Date.valueOf(k.day()));
                    upsert.setString(++p, k.creatorId());
                    upsert.setString(++p, k.assetId());
                    upsert.setString(++p, k.modelId());
                    upsert.setString(++p, k.receiptId());
                    upsert.setString(++p, k.currency());
                    upsert.setLong(++p, s.events);
                    upsert.setLong(++p, s.tokens);
                    upsert.setBigDecimal(++p, s.revenue);
                    upsert.setBigDecimal(++p, s.amount);
                    upsert.setBigDecimal(++p, s.units);
                }
                upsert.executeUpdate();
            }
        }
    }

    private static <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += ROWS_PER_STATEMENT) {
            chunks.add(all.subList(from, Math.min(all.size(), from + ROWS_PER_STATEMENT)));
        }
        return chunks;
    }

    /** {@code (?, ?, …), (?, ?, …)…}: {@code rows} groups of {@code columns} parameters. */
    private static String placeholders(int rows, int columns) {
        String row = "(" + "?, ".repeat(columns - 1) + "?)";
        StringBuilder sql = new StringBuilder(rows * row.length() + rows * 2);
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append(row);
        }
        return sql.toString();
    }
}
