package com.royaltydesk.platform.db;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * V18: on H2 the table of seen events is kept across starts beside the file (decision 0029), so the
 * index V15 added for filling it at every start leaves the file — half the entries a check of the
 * whole file reads. What stays is one row naming the lineage of the table that holds every usage
 * row of this file ({@code usage_dedup_lineage}); a later migration that renumbers usage rows must
 * delete it. PostgreSQL keeps its unique key and needs neither. Written in Java because it differs
 * by engine.
 */
public final class DedupTableKeptAcrossStarts extends H2OnlyMigration {

    /** The table naming the lineage; H2UsageStore reads and writes its one row. */
    public static final String LINEAGE_TABLE = "usage_dedup_lineage";

    DedupTableKeptAcrossStarts() {
        super("18", "usage dedup table kept across starts", 18_0001);
    }

    @Override
    void migrateH2(Statement s) throws SQLException {
        s.execute("DROP INDEX usage_events_fingerprints");
        s.execute("CREATE TABLE " + LINEAGE_TABLE + " (lineage CHAR(36) NOT NULL)");
    }
}
