package com.royaltydesk.platform.testutil;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A private in-memory H2 database with the platform's identifier rules, for tests of the journal's
 * pieces that need a real database but not the platform's schema.
 */
public final class InMemoryH2 {

    private InMemoryH2() {}

    /** A new database named after {@code purpose} (plus a random part), with {@code tables} created. */
    public static DataSource withTables(String purpose, String... tables) throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + purpose + "-" + UUID.randomUUID() + ";DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        try (Connection c = h2.getConnection();
                Statement s = c.createStatement()) {
            for (String table : tables) {
                s.execute(table);
            }
        }
        return h2;
    }
}
