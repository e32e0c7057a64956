package com.royaltydesk.platform.db;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * V15: on H2 the usage events' unique fingerprint key leaves the file; the platform deduplicates
 * beside it (decision 0025), reading every stored row's fingerprint at start — from an index in
 * {@code seq} order that holds just that. PostgreSQL keeps the
 * key: several instances share dedup through it. Written in Java because it differs by engine.
 */
final class UsageDedupBesideH2 extends H2OnlyMigration {

    UsageDedupBesideH2() {
        super("15", "usage dedup beside H2", 15_0001);
    }

    @Override
    void migrateH2(Statement s) throws SQLException {
        s.execute("ALTER TABLE usage_events DROP CONSTRAINT usage_events_dedup");
        // What every start reads to fill the table of seen events: ordered by seq, so it is appended
        // to like the rows' own key, and a third of the bytes to read at 10 million events.
        s.execute("CREATE INDEX usage_events_fingerprints ON usage_events (seq, fingerprint_hi)");
    }
}
