package com.royaltydesk.platform.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.royaltydesk.platform.testutil.InMemoryH2;
import com.royaltydesk.platform.testutil.NoDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Strict mode (set for the whole test suite): a write no journal would carry fails, a marked one does not. */
@Tag(NoDatabase.TAG) // its own in-memory H2, whichever engine the run is for
class RowChangesStrictTest {

    @Test
    void writeOutsideAnyJournaledTransaction_refused_unjournaledOnPurpose_allowed() throws Exception {
        assertThat(Boolean.getBoolean(RowChanges.STRICT))
                .as("surefire sets strict mode")
                .isTrue();
        DataSource h2 = InMemoryH2.withTables("strict", "CREATE TABLE assets_x (id BIGINT PRIMARY KEY)");
        RowChangeTrigger.install(h2);

        try (Connection c = h2.getConnection();
                Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("INSERT INTO assets_x VALUES (1)"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("outside any journaled transaction");
            try (RowChanges.Scope unjournaled = RowChanges.unjournaled()) {
                assertThat(s.executeUpdate("INSERT INTO assets_x VALUES (2)")).isEqualTo(1);
            }
        }
    }
}
