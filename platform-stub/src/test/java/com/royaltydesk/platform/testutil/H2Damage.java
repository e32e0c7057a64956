package com.royaltydesk.platform.testutil;

import com.royaltydesk.platform.PlatformConfig;
import com.royaltydesk.platform.db.Database;
import java.nio.file.Path;
import java.sql.Connection;
import org.h2.engine.SessionLocal;
import org.h2.index.Cursor;
import org.h2.index.Index;
import org.h2.jdbc.JdbcConnection;
import org.h2.result.Row;
import org.h2.table.Table;

/**
 * Damage of the kinds kill -9 left in H2 files, made on purpose through H2's own internals (no SQL
 * can make it): the platform must meet each as a damaged file, not as a failed start.
 */
public final class H2Damage {

    private H2Damage() {}

    /**
     * Removes the row whose {@code column} is {@code value} from the table's primary index only: its
     * entries in the other indexes stay, pointing at a row that is gone — what H2 reports as "Row …
     * not found in primary index".
     */
    public static void removeRowKeepingItsIndexEntries(Path dataDir, String tableName, String column, String value)
            throws Exception {
        try (Database database = Database.open(PlatformConfig.defaultJdbcUrl(dataDir));
                Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            SessionLocal session =
                    (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
            Table table = session.getDatabase().getMainSchema().findTableOrView(session, tableName);
            int columnId = table.getColumn(column).getColumnId();
            Index rows = table.getScanIndex(session);
            Cursor cursor = rows.find(session, null, null, false);
            Row found = null;
            while (cursor.next()) {
                if (value.equals(cursor.get().getValue(columnId).getString())) {
                    found = cursor.get();
                }
            }
            if (found == null) {
                throw new IllegalArgumentException("no row in " + tableName + " with " + column + " = " + value);
            }
            rows.remove(session, found);
            connection.commit();
        }
    }
}
