package com.royaltydesk.platform.db;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * V19: on H2, one row saying which pages of this very file a start after a {@code kill -9} need not
 * read again ({@link TrustedPages}, decision 0030). PostgreSQL has no such check. Written in Java
 * because it differs by engine.
 */
public final class PagesTrustedAfterAKill extends H2OnlyMigration {

    /** The table; {@link TrustedPages} reads and writes its one row. Not journaled, so never rebuilt. */
    public static final String TABLE = "h2_pages_trusted";

    PagesTrustedAfterAKill() {
        super("19", "h2 pages trusted after a kill", 19_0001);
    }

    @Override
    void migrateH2(Statement s) throws SQLException {
        s.execute("CREATE TABLE " + TABLE + " (file_created BIGINT NOT NULL, boot_id CHAR(36) NOT NULL,"
                + " through_version BIGINT NOT NULL)");
    }
}
