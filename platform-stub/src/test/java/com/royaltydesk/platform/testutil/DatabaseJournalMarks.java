package com.royaltydesk.platform.testutil;

import com.royaltydesk.platform.PlatformConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The journals' marks as a stopped platform's H2 file and journal folders hold them (decision 0017,
 * journal marks). Tests that make a start apply every record remove both: the marks in H2 decide
 * where a start begins, the mark files only when H2 has none.
 */
public final class DatabaseJournalMarks {

    public static final List<String> JOURNALS = List.of("journal/changes", "journal/receipts", "journal/usage");

    private DatabaseJournalMarks() {}

    /** The next start on {@code dataDir} applies every record of every journal. */
    public static void forgetAll(Path dataDir) throws Exception {
        try (Connection c = DriverManager.getConnection(PlatformConfig.defaultJdbcUrl(dataDir), "", "");
                Statement s = c.createStatement()) {
            s.execute("DELETE FROM journal_marks");
        }
        for (String journal : JOURNALS) {
            Files.writeString(dataDir.resolve(journal).resolve("applied-through"), "0");
        }
    }

    /** How far the stopped platform's H2 file says it holds {@code journal}; -1 without a mark. */
    public static long heldThrough(Path dataDir, String journal) throws SQLException {
        try (Connection c = DriverManager.getConnection(PlatformConfig.defaultJdbcUrl(dataDir), "", "");
                var select = c.prepareStatement("SELECT held_through FROM journal_marks WHERE journal_folder = ?")) {
            select.setString(1, journal);
            try (var row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : -1;
            }
        }
    }
}
