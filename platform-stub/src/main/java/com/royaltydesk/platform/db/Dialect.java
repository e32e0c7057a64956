package com.royaltydesk.platform.db;

import java.util.Locale;

/**
 * The database engines the platform runs on. The schema and nearly all SQL are shared; the few
 * statements that differ (upserts, batch inserts, database-level locks) ask which engine they run on.
 */
public enum Dialect {
    /** The embedded default: one process owns the file, so in-process locks are enough. */
    H2,
    /** For several instances on one database: row locks, advisory locks, {@code ON CONFLICT}. */
    POSTGRESQL;

    /** The engine a JDBC URL names; anything else is refused with a message that says what works. */
    public static Dialect of(String jdbcUrl) {
        String url = jdbcUrl.toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException(
                "unsupported database URL; use jdbc:h2:… (the default) or jdbc:postgresql://host:port/database");
    }
}
