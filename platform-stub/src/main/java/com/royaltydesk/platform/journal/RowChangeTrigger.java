package com.royaltydesk.platform.journal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.h2.api.Trigger;

/**
 * Hands every row a transaction inserts, updates or deletes in a journaled table to
 * {@link RowChanges}, as the transaction leaves it. Installed on the platform's own H2 file only
 * (where the change journal is); PostgreSQL is durable at commit and needs no journal.
 */
public final class RowChangeTrigger implements Trigger {

    /**
     * Tables another journal owns, and delivery bookkeeping: usage rows, their batches and the list of held ones
     * (the usage journal, with voids and releases as operations in the change journal), receipts and the log's head (the
     * receipt journal), webhook attempts (what happened on the wire; a delivery is at least once),
     * Flyway's history (the migrations themselves), the lineage of the table of seen events (a file
     * rebuilt from the journals alone is a new lineage: its table is built anew), which pages of the
     * file a start after a kill need not read (they name pages of one file only), and the journals'
     * own marks (written per journal, read only at a start: replaying one would claim records H2 may
     * not hold).
     */
    static final Set<String> NOT_JOURNALED = Set.of(
            "usage_events",
            "usage_held",
            "usage_batches",
            "usage_rollups",
            "usage_voids",
            "usage_dedup_lineage",
            "h2_pages_trusted",
            "receipts",
            "receipt_log_head",
            "webhook_attempts",
            "flyway_schema_history",
            "journal_marks");

    private static final String PREFIX = "rdk_journal_";

    private String table;
    private List<String> columns;
    private int[] keyPositions;

    /** Puts the trigger on every journaled table that lacks it (tables come with migrations). */
    public static void install(DataSource dataSource) {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            for (String table : journaledTables(c)) {
                s.execute("CREATE TRIGGER IF NOT EXISTS \"" + PREFIX + table + "\" AFTER INSERT, UPDATE, DELETE ON \""
                        + table + "\" FOR EACH ROW CALL \"" + RowChangeTrigger.class.getName() + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot install the change journal's triggers: " + e.getMessage(), e);
        }
    }

    static List<String> journaledTables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet r = c.getMetaData().getTables(null, "public", null, new String[] {"BASE TABLE", "TABLE"})) {
            while (r.next()) {
                String name = r.getString("TABLE_NAME");
                if (!NOT_JOURNALED.contains(name)) {
                    tables.add(name);
                }
            }
        }
        return tables;
    }

    @Override
    public void init(Connection conn, String schema, String triggerName, String tableName, boolean before, int type)
            throws SQLException {
        this.table = tableName;
        this.columns = columnsOf(conn.getMetaData(), schema, tableName);
        List<String> key = primaryKeyOf(conn.getMetaData(), schema, tableName);
        if (key.isEmpty()) {
            throw new SQLException(tableName + " has no primary key: the change journal cannot replay its rows");
        }
        this.keyPositions = key.stream().mapToInt(columns::indexOf).toArray();
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        if (newRow == null) {
            RowChanges.record(new RowChanges.RowImage(table, true, columns, oldRow.clone()));
            return;
        }
        if (oldRow != null && !sameKey(oldRow, newRow)) {
            RowChanges.record(new RowChanges.RowImage(table, true, columns, oldRow.clone()));
        }
        RowChanges.record(new RowChanges.RowImage(table, false, columns, newRow.clone()));
    }

    private boolean sameKey(Object[] a, Object[] b) {
        for (int position : keyPositions) {
            if (!java.util.Objects.equals(a[position], b[position])) {
                return false;
            }
        }
        return true;
    }

    static List<String> columnsOf(DatabaseMetaData meta, String schema, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet r = meta.getColumns(null, schema, table, null)) {
            while (r.next()) {
                names.add(r.getString("COLUMN_NAME"));
            }
        }
        return List.copyOf(names);
    }

    static List<String> primaryKeyOf(DatabaseMetaData meta, String schema, String table) throws SQLException {
        String[] byPosition = new String[64];
        int count = 0;
        try (ResultSet r = meta.getPrimaryKeys(null, schema, table)) {
            while (r.next()) {
                byPosition[r.getInt("KEY_SEQ") - 1] = r.getString("COLUMN_NAME");
                count++;
            }
        }
        return List.of(Arrays.copyOf(byPosition, count));
    }
}
