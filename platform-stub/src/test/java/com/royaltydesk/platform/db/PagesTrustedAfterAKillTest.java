package com.royaltydesk.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.platform.PlatformConfig;
import com.royaltydesk.platform.testutil.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** V19 on each engine: H2 gains the row of pages a start after a kill trusts (decision 0030); PostgreSQL nothing. */
class PagesTrustedAfterAKillTest {

    @TempDir
    Path dataDir;

    @Test
    void migrated_h2WithTheTable_postgresWithout() throws Exception {
        PlatformConfig config = TestDatabase.adapt(new PlatformConfig("127.0.0.1", 0, dataDir, null, false));
        boolean h2 = Dialect.of(config.jdbcUrl()) == Dialect.H2;
        try (Database database = Database.open(config.jdbcUrl(), config.databaseLogin());
                Connection c = database.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet tables = s.executeQuery("SELECT COUNT(*) FROM information_schema.tables"
                        + " WHERE LOWER(table_name) = '" + PagesTrustedAfterAKill.TABLE + "'")) {
            tables.next();
            assertThat(tables.getLong(1)).isEqualTo(h2 ? 1 : 0);
        }
    }

    /** The schema and its history as V18 left them (older migrations' tests go back further from there). */
    static void undoVersion19(Statement s) throws SQLException {
        s.execute("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '19'");
        if (Dialect.of(s.getConnection().getMetaData().getURL()) == Dialect.H2) {
            s.execute("DROP TABLE " + PagesTrustedAfterAKill.TABLE);
        }
    }
}
