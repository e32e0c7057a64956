package com.royaltydesk.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.platform.PlatformConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash rounds once failed a start (2026-11-30, round 31): moving an identity counter past its
 * rows found the counter's row held by a transaction H2 had kept open after the crash, and gave up
 * after H2's lock timeout (error 90131); the file, closed by that failure and opened again, had no
 * such transaction. The open now does that itself: close, reopen, check again. H2's state cannot
 * be made on purpose here, so the first move plays H2's refusal; the real one runs after it.
 */
class IdentityCounterHeldTest {

    @TempDir
    Path dataDir;

    @Test
    void counterRowHeldAtTheFirstTry_openClosesReopensAndMovesItThen() throws Exception {
        String url = PlatformConfig.defaultJdbcUrl(dataDir);
        try (Database database = Database.open(url);
                Connection c = database.dataSource().getConnection();
                Statement s = c.createStatement()) {
            // A committed row past the counter, as a crash leaves it: the check must move the counter.
            s.execute("INSERT INTO ledger_entries (seq, creator_id, currency, period, kind, amount, ref,"
                    + " created_at) VALUES (5000, 'c', 'USD', '2026-01', 'earned', 1, 'r', CURRENT_TIMESTAMP)");
        }
        AtomicInteger tries = new AtomicInteger();
        Database.CounterMover heldOnce = connection -> {
            if (tries.incrementAndGet() == 1) {
                throw new SQLException("Concurrent update in table \"SYS\"", "90131", 90131);
            }
            return H2FileCheck.restartIdentitiesPastTheirRows(connection);
        };

        try (Database database = Database.open(url, DatabaseLogin.NONE, true, heldOnce);
                Connection c = database.dataSource().getConnection();
                ResultSet r = c.createStatement()
                        .executeQuery("SELECT identity_base FROM information_schema.columns"
                                + " WHERE table_name = 'ledger_entries' AND column_name = 'seq'")) {
            r.next();
            assertThat(tries).hasValue(2);
            assertThat(r.getLong(1)).as("the counter is past the committed row").isGreaterThan(5000);
        }
    }
}
