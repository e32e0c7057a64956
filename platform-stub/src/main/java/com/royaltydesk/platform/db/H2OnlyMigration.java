package com.royaltydesk.platform.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.Context;

/**
 * A migration that changes H2's schema alone (dedup beside H2, decisions 0025 and 0029) and leaves
 * PostgreSQL as it is: recorded as applied on both, run only on H2.
 */
abstract class H2OnlyMigration extends JavaMigrationOf {

    H2OnlyMigration(String version, String description, int checksum) {
        super(version, description, checksum);
    }

    @Override
    public final void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        if (Dialect.of(connection.getMetaData().getURL()) != Dialect.H2) {
            return;
        }
        try (Statement s = connection.createStatement()) {
            migrateH2(s);
        }
    }

    abstract void migrateH2(Statement s) throws SQLException;
}
