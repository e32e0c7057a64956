package com.royaltydesk.platform.db;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * What every migration written in Java says of itself the same way: its version, its description,
 * a fixed checksum, and that it runs in Flyway's transaction. {@link Migrations} lists them.
 */
abstract class JavaMigrationOf implements JavaMigration {

    private final String version;
    private final String description;
    private final int checksum;

    /**
     * {@code checksum} stands in for a SQL file's: change it with the class's behaviour, never after
     * the migration shipped — Flyway's validation refuses a database migrated under another one.
     */
    JavaMigrationOf(String version, String description, int checksum) {
        this.version = version;
        this.description = description;
        this.checksum = checksum;
    }

    @Override
    public final MigrationVersion getVersion() {
        return MigrationVersion.fromVersion(version);
    }

    @Override
    public final String getDescription() {
        return description;
    }

    @Override
    public final Integer getChecksum() {
        return checksum;
    }

    @Override
    public final boolean canExecuteInTransaction() {
        return true;
    }
}
