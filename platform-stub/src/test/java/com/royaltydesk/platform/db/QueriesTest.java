package com.royaltydesk.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.royaltydesk.platform.testutil.NoDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A list with a documented maximum is never cut short: at the maximum it is whole, past it the caller is told. */
@Tag(NoDatabase.TAG) // its own H2 file, whichever engine the run is for
class QueriesTest {

    @TempDir
    Path dir;

    @Test
    void listAtMost_atTheMaximumWhole_pastItRefusedNotCut() throws Exception {
        try (Connection c =
                DriverManager.getConnection("jdbc:h2:" + dir.resolve("q").toAbsolutePath())) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (n INT)");
                s.execute("INSERT INTO t VALUES (1), (2), (3)");
            }
            String sql = "SELECT n FROM t WHERE n > ? ORDER BY n";

            assertThat(Queries.listAtMost(c, sql, 3, IllegalStateException::new, r -> r.getInt(1), 0))
                    .containsExactly(1, 2, 3);
            assertThatThrownBy(() -> Queries.listAtMost(
                            c, sql, 2, () -> new IllegalStateException("more than 2"), r -> r.getInt(1), 0))
                    .hasMessage("more than 2");
            List<Integer> some = Queries.listAtMost(c, sql, 2, IllegalStateException::new, r -> r.getInt(1), 1);
            assertThat(some).containsExactly(2, 3);
        }
    }
}
