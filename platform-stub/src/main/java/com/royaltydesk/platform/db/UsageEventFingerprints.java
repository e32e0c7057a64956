package com.royaltydesk.platform.db;

import com.royaltydesk.platform.core.EventFingerprint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.Context;

/**
 * V12: usage events are deduplicated by their {@link EventFingerprint} instead of the two strings
 * {@code (host_id, event_id)} (decision 0024). Written in Java because the fingerprint is SHA-256,
 * which H2 and PostgreSQL spell differently in SQL; the events already stored get theirs here, a
 * thousand at a time in key order, before the new unique key replaces the old one.
 */
final class UsageEventFingerprints extends JavaMigrationOf {

    private static final int ROWS_PER_STEP = 1000;

    UsageEventFingerprints() {
        super("12", "usage events deduplicated by fingerprint", 12_0001);
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement s = connection.createStatement()) {
            s.execute("ALTER TABLE usage_events ADD COLUMN fingerprint_hi BIGINT");
            s.execute("ALTER TABLE usage_events ADD COLUMN fingerprint_lo BIGINT");
        }
        fillIn(connection);
        try (Statement s = connection.createStatement()) {
            s.execute("ALTER TABLE usage_events ALTER COLUMN fingerprint_hi SET NOT NULL");
            s.execute("ALTER TABLE usage_events ALTER COLUMN fingerprint_lo SET NOT NULL");
            s.execute("ALTER TABLE usage_events DROP CONSTRAINT usage_events_dedup");
            s.execute(
                    "ALTER TABLE usage_events ADD CONSTRAINT usage_events_dedup UNIQUE (fingerprint_hi, fingerprint_lo)");
        }
    }

    private static void fillIn(Connection connection) throws SQLException {
        long after = Long.MIN_VALUE;
        try (PreparedStatement next = connection.prepareStatement("SELECT seq, host_id, event_id FROM usage_events"
                        + " WHERE seq > ? ORDER BY seq FETCH FIRST " + ROWS_PER_STEP + " ROWS ONLY");
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE usage_events SET fingerprint_hi = ?, fingerprint_lo = ? WHERE seq = ?")) {
            while (true) {
                next.setLong(1, after);
                int rows = 0;
                try (ResultSet r = next.executeQuery()) {
                    while (r.next()) {
                        after = r.getLong(1);
                        EventFingerprint fingerprint = EventFingerprint.of(r.getString(2), r.getString(3));
                        update.setLong(1, fingerprint.hi());
                        update.setLong(2, fingerprint.lo());
                        update.setLong(3, after);
                        update.addBatch();
                        rows++;
                    }
                }
                if (rows == 0) {
                    return;
                }
                update.executeBatch();
            }
        }
    }
}
