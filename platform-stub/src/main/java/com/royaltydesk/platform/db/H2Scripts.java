package com.royaltydesk.platform.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** A whole H2 database as one SQL script, and back: what backups are made of and restored from. */
public final class H2Scripts {

    private H2Scripts() {}

    /**
     * Writes the database to {@code script} as it was at one moment. {@code SCRIPT} reads each table
     * through the session's transaction; H2's serializable level reads one snapshot of the whole
     * database, so events and their rollups, receipts and the log head agree in the script as they
     * did at that moment (its repeatable read pins each table only when first read: a backup at that
     * level disagreed with itself in 39 of 40 tries). Writers are not blocked: the transaction only reads.
     */
    public static void scriptAtOneMoment(DataSource dataSource, Path script) {
        try (Connection c = dataSource.getConnection()) {
            int isolation = c.getTransactionIsolation();
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            try (Statement s = c.createStatement()) {
                s.execute("SCRIPT TO " + quoted(script));
            } finally {
                c.rollback();
                c.setTransactionIsolation(isolation);
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** Runs {@code script} into a new H2 database in {@code folder} and closes it. */
    public static void runInto(Path script, Path folder) throws SQLException {
        try (Connection c = DriverManager.getConnection(Database.h2FileUrl(folder), "", "");
                Statement s = c.createStatement()) {
            s.execute("RUNSCRIPT FROM " + quoted(script));
            s.execute("SHUTDOWN");
        }
    }

    private static String quoted(Path file) {
        return "'" + file.toAbsolutePath().toString().replace("'", "''") + "'";
    }
}
