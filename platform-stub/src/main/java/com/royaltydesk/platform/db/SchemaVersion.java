package com.royaltydesk.platform.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Whether a database is at the newest schema, read from Flyway's own history table so that a
 * start with nothing to migrate does not load Flyway at all. Anything else — a new database, an
 * older version, a failed migration, a version this build does not know — goes to Flyway, which
 * migrates or refuses as it always does. What skipping gives up: Flyway's checksum comparison of
 * already-applied migrations, run again whenever a release adds a migration (decision 0012).
 */
final class SchemaVersion {

    /** The migrations' classpath folder. */
    static final String MIGRATIONS = "db/migration";

    /**
     * The highest version of {@link #MIGRATIONS}' {@code V<n>__} files and {@link Migrations#IN_JAVA};
     * a test fails when a new one is not named here.
     */
    static final String NEWEST = "19";

    private SchemaVersion() {}

    static boolean isNewest(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet last = statement.executeQuery("SELECT \"version\", \"success\" FROM \"flyway_schema_history\""
                        + " ORDER BY \"installed_rank\" DESC FETCH FIRST 1 ROW ONLY")) {
            return last.next() && last.getBoolean(2) && NEWEST.equals(last.getString(1));
        } catch (SQLException e) {
            return false; // no history table yet: a new database
        }
    }
}
