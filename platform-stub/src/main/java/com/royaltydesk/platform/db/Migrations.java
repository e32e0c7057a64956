package com.royaltydesk.platform.db;

import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * The schema's migrations as Flyway runs them: the SQL files in {@link SchemaVersion#MIGRATIONS}
 * and the migrations written in Java (those that compute what SQL cannot compute alike on both
 * engines). Every Flyway of the platform and its tests is made here, so none misses one.
 */
public final class Migrations {

    /** The migrations written in Java, each naming its own version. */
    static final List<JavaMigration> IN_JAVA = List.of(
            new UsageEventFingerprints(),
            new UsageDedupBesideH2(),
            new LeanUsageEvents(),
            new DedupTableKeptAcrossStarts(),
            new PagesTrustedAfterAKill());

    private Migrations() {}

    public static Flyway flyway(DataSource dataSource) {
        return configured().dataSource(dataSource).load();
    }

    /** The same, migrating no further than {@code version} (tests of one migration on older rows). */
    static Flyway flyway(DataSource dataSource, String version) {
        return configured().dataSource(dataSource).target(version).load();
    }

    /** The same on a JDBC URL (the in-memory reference schema). */
    static Flyway flyway(String url, String user, String password) {
        return configured().dataSource(url, user, password).load();
    }

    private static FluentConfiguration configured() {
        return Flyway.configure()
                .locations("classpath:" + SchemaVersion.MIGRATIONS)
                .javaMigrations(IN_JAVA.toArray(new JavaMigration[0]));
    }
}
