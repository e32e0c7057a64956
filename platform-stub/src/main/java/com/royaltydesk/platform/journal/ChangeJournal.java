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
public final class ChangeJournal implements AutoCloseable {

    public static final String FOLDER = "journal/changes";

    private final MarkedJournal journal;
    private final ObjectMapper json;
    /** Commit and append in one order: two transactions writing one row must replay in commit order. */
    private final ReentrantLock commitOrder = new ReentrantLock();

    private final Map<String, List<String>> keysOfTable = new HashMap<>();

    private ChangeJournal(MarkedJournal journal, ObjectMapper json) {
        this.journal = journal;
        this.json = json;
    }

    public static ChangeJournal open(Path dataDir, ObjectMapper json) {
        return new ChangeJournal(MarkedJournal.open(dataDir.resolve(FOLDER)), json);
    }

    /**
     * Commits the transaction and appends what it changed (not yet durable); returns the record's
     * position, or 0 when it changed nothing journaled.
     */
    public long commit(Connection connection, RowChanges changes) throws SQLException {
        if (changes.isEmpty()) {
            connection.commit();
            return 0;
        }
        byte[] record = encode(changes);
        commitOrder.lock();
        try {
            connection.commit();
            return journal.append(record);
        } finally {
            commitOrder.unlock();
        }
    }

    public void awaitDurable(long seq) {
        if (seq > 0) {
            journal.awaitDurable(seq);
        }
    }

    /** The first record a database snapshot started now may lack: a record is written after its commit. */
    public long firstNotSurelyCommitted() {
        return journal.lastSeq() + 1;
    }

    /** See {@link MarkedJournal#checkpoint}: after a start has applied the journals, and at a clean stop. */
    public void checkpoint(Runnable makeDatabaseDurable) {
        journal.checkpoint(makeDatabaseDurable);
    }

    /**
     * Applies every record after the mark on {@code connection} (one transaction per record through
     * {@code inTransaction}), in order; hands each record's usage operations to {@code usageOps} for
     * after the usage journal. Returns how many records were applied.
     */
    public int replayUnapplied(Transactions inTransaction, Consumer<JsonNode> usageOps) {
        int[] applied = {0};
        journal.replayUnapplied(entry -> {
            JsonNode record = read(entry.payload());
            inTransaction.run(connection -> {
                for (JsonNode row : record.path("rows")) {
                    apply(connection, row);
                }
            });
            record.path("usage").forEach(usageOps);
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

    private byte[] encode(RowChanges changes) {
        ObjectNode record = json.createObjectNode();
        ArrayNode rows = record.putArray("rows");
        for (RowChanges.RowImage image : changes.rows()) {
            ObjectNode row = rows.addObject();
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
        }
        if (!changes.usageOps().isEmpty()) {
            record.putArray("usage").addAll(changes.usageOps());
        }
        try {
            return json.writeValueAsBytes(record);
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
