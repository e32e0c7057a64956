package com.royaltydesk.platform.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.royaltydesk.platform.db.GroupCommit;
import com.royaltydesk.platform.db.Jdbc;
import com.royaltydesk.platform.testutil.InMemoryH2;
import com.royaltydesk.platform.testutil.NoDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the change journal, a transaction is durable once its record is on disk — H2 is not waited
 * for. One that journals nothing (it only read) may have read another's commit whose record is
 * not on disk yet; it answers only once that record is.
 */
@Tag(NoDatabase.TAG)
class ChangeJournalDurabilityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static DataSource database() throws Exception {
        DataSource h2 =
                InMemoryH2.withTables("durability", "CREATE TABLE creators (id BIGINT PRIMARY KEY, name VARCHAR(200))");
        RowChangeTrigger.install(h2);
        return h2;
    }

    @Test
    void aTransactionThatOnlyRead_waitsForTheRecordOfTheCommitItSaw() throws Exception {
        DataSource db = database();
        try (ChangeJournal journal = ChangeJournal.open(dir, JSON)) {
            long seen;
            // Another request's commit, appended to the journal and not yet forced to disk.
            try (RowChanges.Scope scope = RowChanges.capture();
                    Connection c = db.getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO creators VALUES (1, 'Ada')")) {
                    insert.executeUpdate();
                }
                seen = journal.commit(c, scope.changes());
            }
            assertThat(journal.marked().durableThrough()).isLessThan(seen);

            String name = new Jdbc(db, new GroupCommit(db, true), journal).inTransaction(c -> {
                try (ResultSet row = c.createStatement().executeQuery("SELECT name FROM creators WHERE id = 1")) {
                    row.next();
                    return row.getString(1);
                }
            });

            assertThat(name).isEqualTo("Ada");
            assertThat(journal.marked().durableThrough())
                    .as("answered only once the record of what it read is on disk")
                    .isGreaterThanOrEqualTo(seen);
        }
    }

    @Test
    void aTransactionThatWrote_isDurableThroughItsOwnRecord() throws Exception {
        DataSource db = database();
        try (ChangeJournal journal = ChangeJournal.open(dir, JSON)) {
            new Jdbc(db, new GroupCommit(db, true), journal).inTransaction(c -> {
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO creators VALUES (2, 'Grace')")) {
                    return insert.executeUpdate();
                }
            });

            assertThat(journal.marked().durableThrough())
                    .isEqualTo(journal.marked().lastSeq());
        }
    }
}
