package com.royaltydesk.platform.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.royaltydesk.platform.db.GroupCommit;
import com.royaltydesk.platform.db.Jdbc;
import com.royaltydesk.platform.testutil.InMemoryH2;
import com.royaltydesk.platform.testutil.NoDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transaction larger than one journal record — a settlement for thousands of creators — is
 * journaled as parts of one, and replayed only whole: all its rows in one transaction, or, when a
 * crash cut the group short (it was never acknowledged), none.
 */
@Tag(NoDatabase.TAG) // its own in-memory H2, whichever engine the run is for
class ChangeJournalPartsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static DataSource database() throws Exception {
        return InMemoryH2.withTables("parts", "CREATE TABLE ledger (id BIGINT PRIMARY KEY, line VARCHAR(200))");
    }

    private static long rows(DataSource database) throws Exception {
        try (Connection c = database.getConnection();
                ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM ledger")) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void largeTransaction_severalRecords_replayedWholeInOneTransaction() throws Exception {
        DataSource written = database();
        RowChangeTrigger.install(written);
        try (ChangeJournal journal = ChangeJournal.open(dir, JSON, 400)) {
            new Jdbc(written, new GroupCommit(written, false), journal).inTransaction(c -> {
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO ledger VALUES (?, ?)")) {
                    for (int i = 0; i < 40; i++) {
                        insert.setLong(1, i);
                        insert.setString(2, "payout line " + i + " " + "x".repeat(60));
                        insert.executeUpdate();
                    }
                }
                return null;
            });
        }
        try (MarkedJournal raw = MarkedJournal.open(dir.resolve(ChangeJournal.FOLDER))) {
            assertThat(raw.lastSeq()).as("one transaction, several records").isGreaterThan(3);
        }

        DataSource rebuilt = database();
        int applied;
        try (ChangeJournal journal = ChangeJournal.open(dir, JSON, 400)) {
            applied = journal.replayUnapplied(new Jdbc(rebuilt).replayTransactions(), op -> {});
        }

        assertThat(applied).as("applied as the one transaction it was").isEqualTo(1);
        assertThat(rows(rebuilt)).isEqualTo(40);
    }

    @Test
    void groupCutShortAtTheTail_notApplied_whatCameBeforeIs() throws Exception {
        try (MarkedJournal raw = MarkedJournal.open(dir.resolve(ChangeJournal.FOLDER))) {
            raw.append(record(1, null, null));
            raw.append(record(2, 1, 3));
            raw.append(record(3, 2, 3)); // part 3 of 3 never written: the crash came first
        }
        DataSource rebuilt = database();

        try (ChangeJournal journal = ChangeJournal.open(dir, JSON)) {
            assertThat(journal.replayUnapplied(new Jdbc(rebuilt).replayTransactions(), op -> {}))
                    .isEqualTo(1);
        }

        assertThat(rows(rebuilt)).isEqualTo(1);
    }

    /** One ledger row as the change journal writes it, as a whole record or as part {@code part} of {@code parts}. */
    private static byte[] record(long id, Integer part, Integer parts) {
        String partFields = part == null ? "" : ",\"part\":" + part + ",\"parts\":" + parts;
        return ("{\"rows\":[{\"table\":\"ledger\",\"columns\":[\"id\",\"line\"],\"values\":[\"i:" + id + "\",\"s:line "
                        + id + "\"]}]" + partFields + "}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
