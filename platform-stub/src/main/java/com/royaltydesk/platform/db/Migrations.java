package com.royaltydesk.platform.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The schema's migrations as Flyway runs them: the SQL files in {@link SchemaVersion#MIGRATIONS}
 * and the migrations written in Java (those that compute what SQL cannot compute alike on both
 * engines). Every Flyway of the platform and its tests is made here, so none misses one.
 */
public final class Migrations {

    /** The migrations written in Java, each naming its own version. */
    static final java.util.List<org.flywaydb.core.api.migration.JavaMigration> IN_JAVA =
            java.util.List.of(new UsageEventFingerprints());

    private Migrations() {}

    public static Flyway flyway(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:" + SchemaVersion.MIGRATIONS)
                .javaMigrations(IN_JAVA.toArray(new org.flywaydb.core.api.migration.JavaMigration[0]))
                .load();
    }

    /** The same on a JDBC URL (the in-memory reference schema). */
    static Flyway flyway(String url, String user, String password) {
        return Flyway.configure()
                .dataSource(url, user, password)
                .locations("classpath:" + SchemaVersion.MIGRATIONS)
                .javaMigrations(IN_JAVA.toArray(new org.flywaydb.core.api.migration.JavaMigration[0]))
                .load();
    }
}
