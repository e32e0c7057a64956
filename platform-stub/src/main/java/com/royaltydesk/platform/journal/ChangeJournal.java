package com.royaltydesk.platform.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Every acknowledged write that neither the usage nor the receipt journal carries — assets,
 * creators, keys, hosts, settlements and their ledger entries, payouts, disputes, checkpoints,
 * webhook settings — as the rows each transaction left (decision 0017): one record per
 * transaction, written right after its commit and in commit order, so replaying the records in
 * order leaves every row as the last transaction left it. Voids and releases of usage rows travel
 * as operations, applied after the usage journal at start (they need its events).
 *
 * <p>A record is an after-image, so applying one H2 already holds changes nothing; a start after a
 * crash applies every record after the mark, as for the other journals.
 */
public final class ChangeJournal implements DatabaseJournal, AutoCloseable {

    public static final String FOLDER = "journal/changes";

    private final MarkedJournal journal;
    private final ObjectMapper json;
    /** Commit and append in one order: two transactions writing one row must replay in commit order. */
    private final ReentrantLock commitOrder = new ReentrantLock();

    private final Map<String, List<String>> keysOfTable = new HashMap<>();

    /**
     * A transaction's rows go into records of about this many bytes (a journal record holds at most
     * {@link Journal#MAX_PAYLOAD}): a settlement for thousands of creators is several records, marked
     * as parts of one, and replayed only whole.
     */
    static final int PART_BYTES = 4 * 1024 * 1024;

    private final int partBytes;

    private ChangeJournal(MarkedJournal journal, ObjectMapper json, int partBytes) {
        this.journal = journal;
        this.json = json;
        this.partBytes = partBytes;
    }

    public static ChangeJournal open(Path dataDir, ObjectMapper json) {
        return new ChangeJournal(MarkedJournal.open(dataDir.resolve(FOLDER)), json, PART_BYTES);
    }

    /** The same with smaller parts (tests split a transaction without writing megabytes). */
    static ChangeJournal open(Path dataDir, ObjectMapper json, int partBytes) {
        return new ChangeJournal(MarkedJournal.open(dataDir.resolve(FOLDER)), json, partBytes);
    }

    /**
     * Commits the transaction and appends what it changed (not yet durable), in one record or — for a
     * large transaction — in consecutive parts; returns the last record's position, or 0 when it
     * changed nothing journaled. Encoded before the commit, so a row no record can carry fails the
     * transaction instead of leaving it committed and unjournaled.
     */
    public long commit(Connection connection, RowChanges changes) throws SQLException {
        if (changes.isEmpty()) {
            connection.commit();
            return 0;
        }
        List<byte[]> parts = encode(changes);
        commitOrder.lock();
        try {
            connection.commit();
            long last = 0;
            for (byte[] part : parts) {
                last = journal.append(part);
            }
            return last;
        } finally {
            commitOrder.unlock();
        }
    }

    public void awaitDurable(long seq) {
        if (seq > 0) {
            journal.awaitDurable(seq);
        }
    }

    /**
     * Returns once the record of every commit visible now is on disk. For a transaction that
     * journaled nothing itself but may have read what another committed a moment ago, whose
     * record is not yet durable: its answer must not rest on a write a kill could still take back.
     * A commit is appended under {@link #commitOrder}, so taking it once means every visible commit
     * has its record.
     */
    public void awaitVisibleDurable() {
        long last;
        commitOrder.lock();
        try {
            last = journal.lastSeq();
        } finally {
            commitOrder.unlock();
        }
        awaitDurable(last);
    }

    /** The first record a database snapshot started now may lack: a record is written after its commit. */
    @Override
    public long firstNotSurelyCommitted() {
        return journal.lastSeq() + 1;
    }

    @Override
    public String folder() {
        return FOLDER;
    }

    @Override
    public MarkedJournal marked() {
        return journal;
    }

    /**
     * Applies every record after the mark on {@code connection} (one transaction per record through
     * {@code inTransaction}), in order; hands each record's usage operations to {@code usageOps} for
     * after the usage journal. Returns how many records were applied.
     */
    public int replayUnapplied(Transactions inTransaction, Consumer<JsonNode> usageOps) {
        int[] applied = {0};
        List<JsonNode> group = new ArrayList<>();
        journal.replayUnapplied(entry -> {
            JsonNode record = read(entry.payload());
            int parts = record.path("parts").asInt(1);
            if (record.path("part").asInt(1) == 1) {
                group.clear(); // a group cut short (only at a torn tail) was never acknowledged
            }
            group.add(record);
            if (group.size() < parts) {
                return;
            }
            inTransaction.run(connection -> {
                for (JsonNode part : group) {
                    for (JsonNode row : part.path("rows")) {
                        apply(connection, row);
                    }
                }
            });
            group.forEach(part -> part.path("usage").forEach(usageOps));
            group.clear();
            applied[0]++;
        });
        return applied[0];
    }

    /** Runs work in one transaction whose writes no journal gathers again. */
    @FunctionalInterface
    public interface Transactions {
        void run(SqlWork work);
    }

    @FunctionalInterface
    public interface SqlWork {
        void apply(Connection connection) throws SQLException;
    }

    @Override
    public void close() {
        journal.close();
    }

    private void apply(Connection connection, JsonNode row) throws SQLException {
        String table = row.path("table").asText();
        List<String> columns = new ArrayList<>();
        row.path("columns").forEach(c -> columns.add(c.asText()));
        List<Object> values = new ArrayList<>();
        row.path("values").forEach(v -> values.add(decode(v)));
        List<String> key = keyOf(connection, table);
        if (row.path("deleted").asBoolean()) {
            String where = key.stream().map(k -> quote(k) + " = ?").collect(Collectors.joining(" AND "));
            try (PreparedStatement delete =
                    connection.prepareStatement("DELETE FROM " + quote(table) + " WHERE " + where)) {
                for (int i = 0; i < key.size(); i++) {
                    delete.setObject(i + 1, values.get(columns.indexOf(key.get(i))));
                }
                delete.executeUpdate();
            }
            return;
        }
        String sql = "MERGE INTO " + quote(table) + " ("
                + columns.stream().map(ChangeJournal::quote).collect(Collectors.joining(", ")) + ") KEY ("
                + key.stream().map(ChangeJournal::quote).collect(Collectors.joining(", ")) + ") VALUES ("
                + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
        try (PreparedStatement merge = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.size(); i++) {
                merge.setObject(i + 1, values.get(i));
            }
            merge.executeUpdate();
        }
    }

    private List<String> keyOf(Connection connection, String table) throws SQLException {
        List<String> key = keysOfTable.get(table);
        if (key == null) {
            key = RowChangeTrigger.primaryKeyOf(connection.getMetaData(), "public", table);
            if (key.isEmpty()) {
                throw new SQLException("the change journal names table " + table + ", which has no primary key here");
            }
            keysOfTable.put(table, key);
        }
        return key;
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** The transaction as one record, or as parts of about {@link #partBytes} each ({@code part}, {@code parts}). */
    private List<byte[]> encode(RowChanges changes) {
        List<ArrayNode> chunks = new ArrayList<>();
        ArrayNode rows = json.createArrayNode();
        long bytes = 0;
        for (RowChanges.RowImage image : changes.rows()) {
            ObjectNode row = row(image);
            int size = serialized(row).length;
            if (size > Journal.MAX_PAYLOAD - 1024) {
                throw new IllegalStateException("a row of " + image.table() + " is " + size
                        + " bytes: more than a journal record carries, so it is not written");
            }
            if (!rows.isEmpty() && bytes + size > partBytes) {
                chunks.add(rows);
                rows = json.createArrayNode();
                bytes = 0;
            }
            rows.add(row);
            bytes += size;
        }
        chunks.add(rows);
        List<byte[]> parts = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            ObjectNode record = json.createObjectNode();
            record.set("rows", chunks.get(i));
            if (i == chunks.size() - 1 && !changes.usageOps().isEmpty()) {
                record.putArray("usage").addAll(changes.usageOps());
            }
            if (chunks.size() > 1) {
                record.put("part", i + 1);
                record.put("parts", chunks.size());
            }
            parts.add(serialized(record));
        }
        return parts;
    }

    private ObjectNode row(RowChanges.RowImage image) {
        ObjectNode row = json.createObjectNode();
        row.put("table", image.table());
        if (image.deleted()) {
            row.put("deleted", true);
        }
        ArrayNode columns = row.putArray("columns");
        image.columns().forEach(columns::add);
        ArrayNode values = row.putArray("values");
        for (Object value : image.values()) {
            values.add(encode(value));
        }
        return row;
    }

    private byte[] serialized(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A column value with its type, so it reads back as the same Java value: {@code s:} text,
     * {@code i:} whole number, {@code d:} decimal (exact), {@code z:} time with offset, {@code t:}
     * local date-time, {@code D:} date, {@code b:} bytes (base64); booleans and null as JSON.
     */
    static JsonNode encode(Object value) {
        var nodes = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        if (value == null) {
            return nodes.nullNode();
        } else if (value instanceof Boolean b) {
            return nodes.booleanNode(b);
        } else if (value instanceof String s) {
            return nodes.textNode("s:" + s);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            return nodes.textNode("i:" + value);
        } else if (value instanceof BigDecimal d) {
            return nodes.textNode("d:" + d.toPlainString());
        } else if (value instanceof OffsetDateTime t) {
            return nodes.textNode("z:" + t);
        } else if (value instanceof java.sql.Timestamp t) {
            return nodes.textNode("t:" + t.toLocalDateTime());
        } else if (value instanceof LocalDateTime t) {
            return nodes.textNode("t:" + t);
        } else if (value instanceof java.sql.Date d) {
            return nodes.textNode("D:" + d.toLocalDate());
        } else if (value instanceof LocalDate d) {
            return nodes.textNode("D:" + d);
        } else if (value instanceof byte[] b) {
            return nodes.textNode("b:" + Base64.getEncoder().encodeToString(b));
        }
        throw new IllegalArgumentException(
                "the change journal has no encoding for " + value.getClass().getName());
    }

    static Object decode(JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        String text = node.asText();
        String value = text.substring(2);
        return switch (text.charAt(0)) {
            case 's' -> value;
            case 'i' -> Long.parseLong(value);
            case 'd' -> new BigDecimal(value);
            case 'z' -> OffsetDateTime.parse(value);
            case 't' -> LocalDateTime.parse(value);
            case 'D' -> LocalDate.parse(value);
            case 'b' -> Base64.getDecoder().decode(value);
            default -> throw new IllegalArgumentException("a change journal value of unknown type: " + text);
        };
    }

    private JsonNode read(byte[] payload) {
        try {
            return json.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException("a change journal record does not read back as JSON", e);
        }
    }
}
