package com.royaltydesk.platform.bench;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Where ingestion's time and disk go inside H2 (issue #15): inserts rows of the platform's
 * {@code usage_events} shape into a fresh H2 file — 1,000 rows per commit, a {@code CHECKPOINT}
 * every 10 commits, one thread, no HTTP — once per table layout, and prints rows per second and the
 * file's bytes per row. Layouts: the platform's today ({@code (host_id, event_id)} unique, two
 * secondary indexes, insert-if-absent), the same with a plain insert, without the secondary
 * indexes, with a 128-bit fingerprint as the unique key instead of the strings, and with no unique
 * key at all (the sequential key only); and what a restore makes of each file (rebuilt from one
 * {@code SCRIPT}). Not a test: run {@code bench/h2-row-cost.sh [rows]}.
 */
public final class H2RowCost {

    private enum Layout {
        PLATFORM("platform: string dedup key, 2 indexes, insert-if-absent", true, true, Dedup.STRINGS),
        PLAIN_INSERT("string dedup key, 2 indexes, plain insert", true, false, Dedup.STRINGS),
        NO_SECONDARY("string dedup key, no other index", false, false, Dedup.STRINGS),
        FINGERPRINT("128-bit fingerprint dedup key (2 BIGINTs), no other index", false, false, Dedup.FINGERPRINT),
        NO_DEDUP_KEY("sequential key only, no dedup key", false, false, Dedup.NONE);

        final String label;
        final boolean secondaryIndexes;
        final boolean insertIfAbsent;
        final Dedup dedup;

        Layout(String label, boolean secondaryIndexes, boolean insertIfAbsent, Dedup dedup) {
            this.label = label;
            this.secondaryIndexes = secondaryIndexes;
            this.insertIfAbsent = insertIfAbsent;
            this.dedup = dedup;
        }
    }

    private enum Dedup {
        STRINGS,
        FINGERPRINT,
        NONE
    }

    /** The platform's own URL settings ({@code db.Database.h2FileUrl}). */
    private static final String PLATFORM_SETTINGS =
            ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=128";

    private static final String COLUMNS = "host_id, event_id, batch_id, model_id, receipt_id, asset_id, creator_id,"
            + " event_time, period, tokens, revenue, amount, units, currency, status, hold_reason, received_at";

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        Path root = Files.createTempDirectory("rdk-h2-row-cost");
        for (int run = 1; run <= 2; run++) {
            for (Layout layout : Layout.values()) {
                Path dir = root.resolve(layout.name() + "-" + run);
                measure(layout, rows, dir);
                try (var files = Files.list(dir)) {
                    for (Path file : files.toList()) {
                        Files.delete(file);
                    }
                }
                Files.delete(dir);
            }
        }
        Files.delete(root);
    }

    private static void measure(Layout layout, int rows, Path dir) throws SQLException, java.io.IOException {
        String url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + PLATFORM_SETTINGS;
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            createTable(c, layout);
            c.setAutoCommit(false);
            long started = System.nanoTime();
            try (PreparedStatement insert = c.prepareStatement(insertSql(layout));
                    Statement checkpoint = c.createStatement()) {
                for (int batch = 0; batch < rows / 1000; batch++) {
                    for (int i = 0; i < 1000; i++) {
                        bind(insert, layout, UUID.randomUUID(), "ubatch_" + batch);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                    c.commit();
                    if (batch % 10 == 9) {
                        checkpoint.execute("CHECKPOINT");
                    }
                }
                long ms = Math.max(1, (System.nanoTime() - started) / 1_000_000);
                checkpoint.execute("CHECKPOINT");
                long bytes = Files.size(dir.resolve("db.mv.db"));
                long rebuilt = rebuiltFromScript(c, dir);
                System.out.printf(
                        "%-62s %,9d rows/s   %,6d B/row   rebuilt from SCRIPT %,5d B/row%n",
                        layout.label, rows * 1000L / ms, bytes / rows, rebuilt / rows);
            }
        }
    }

    /**
     * What a restore makes of the same rows: the database as one {@code SCRIPT} (what a backup holds)
     * run into a new file. Returns that file's size.
     */
    private static long rebuiltFromScript(Connection c, Path dir) throws SQLException, java.io.IOException {
        Path script = dir.resolve("backup.sql");
        try (Statement s = c.createStatement()) {
            s.execute("SCRIPT TO '" + script + "'");
        }
        Path rebuilt = dir.resolve("rebuilt");
        try (Connection r = DriverManager.getConnection(
                        "jdbc:h2:file:" + rebuilt.resolve("db").toAbsolutePath() + PLATFORM_SETTINGS, "sa", "");
                Statement s = r.createStatement()) {
            s.execute("RUNSCRIPT FROM '" + script + "'");
        }
        long size = Files.size(rebuilt.resolve("db.mv.db"));
        Files.delete(rebuilt.resolve("db.mv.db"));
        Files.delete(rebuilt);
        Files.delete(script);
        return size;
    }

    private static void createTable(Connection c, Layout layout) throws SQLException {
        String dedup = switch (layout.dedup) {
            case STRINGS -> ", CONSTRAINT usage_events_dedup UNIQUE (host_id, event_id)";
            case FINGERPRINT ->
                ", fp_hi BIGINT NOT NULL, fp_lo BIGINT NOT NULL, CONSTRAINT usage_events_fp UNIQUE (fp_hi, fp_lo)";
            case NONE -> "";
        };
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE usage_events (seq BIGINT GENERATED BY DEFAULT AS IDENTITY NOT NULL PRIMARY KEY,"
                    + " host_id VARCHAR(64) NOT NULL, event_id VARCHAR(128) NOT NULL, batch_id VARCHAR(64) NOT NULL,"
                    + " model_id VARCHAR(128) NOT NULL, receipt_id VARCHAR(64) NOT NULL, asset_id VARCHAR(64) NOT NULL,"
                    + " creator_id VARCHAR(64) NOT NULL, event_time TIMESTAMP WITH TIME ZONE NOT NULL, period CHAR(7) NOT NULL,"
                    + " tokens BIGINT NOT NULL, revenue NUMERIC(38, 18), amount NUMERIC(38, 18) NOT NULL,"
                    + " units NUMERIC(38, 18) NOT NULL, currency CHAR(3) NOT NULL, status VARCHAR(16) NOT NULL,"
                    + " hold_reason VARCHAR(32), received_at TIMESTAMP WITH TIME ZONE NOT NULL" + dedup + ")");
            if (layout.secondaryIndexes) {
                s.execute("CREATE INDEX usage_events_by_batch ON usage_events (batch_id)");
                s.execute("CREATE INDEX usage_events_by_status ON usage_events (status, seq)");
            }
        }
    }

    private static String insertSql(Layout layout) {
        String fingerprint = layout.dedup == Dedup.FINGERPRINT ? "fp_hi, fp_lo, " : "";
        int count = 17 + (layout.dedup == Dedup.FINGERPRINT ? 2 : 0);
        String params = String.join(", ", java.util.Collections.nCopies(count, "?"));
        if (layout.insertIfAbsent) {
            return "INSERT INTO usage_events (" + fingerprint + COLUMNS + ") SELECT " + params
                    + " WHERE NOT EXISTS (SELECT 1 FROM usage_events WHERE host_id = ? AND event_id = ?)";
        }
        return "INSERT INTO usage_events (" + fingerprint + COLUMNS + ") VALUES (" + params + ")";
    }

    private static void bind(PreparedStatement p, Layout layout, UUID id, String batchId) throws SQLException {
        int i = 0;
        if (layout.dedup == Dedup.FINGERPRINT) {
            p.setLong(++i, id.getMostSignificantBits());
            p.setLong(++i, id.getLeastSignificantBits());
        }
        OffsetDateTime now = OffsetDateTime.now();
        for (Object value : List.of(
                "host_sandbox", id.toString(), batchId, "model-x", "rcpt_abcdef", "asset_abcdef", "creator_42")) {
            p.setObject(++i, value);
        }
        p.setObject(++i, now);
        p.setString(++i, "2026-11");
        p.setLong(++i, 1000);
        p.setBigDecimal(++i, null);
        p.setBigDecimal(++i, new BigDecimal("0.001000000000000000"));
        p.setBigDecimal(++i, BigDecimal.ZERO);
        p.setString(++i, "USD");
        p.setString(++i, "accepted");
        p.setString(++i, null);
        p.setObject(++i, now);
        if (layout.insertIfAbsent) {
            p.setString(++i, "host_sandbox");
            p.setString(++i, id.toString());
        }
    }
}
