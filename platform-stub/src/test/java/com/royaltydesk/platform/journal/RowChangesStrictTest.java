package com.royaltydesk.platform.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** Strict mode (set for the whole test suite): a write no journal would carry fails, a marked one does not. */
class RowChangesStrictTest {

    @Test
    void writeOutsideAnyJournaledTransaction_refused_unjournaledOnPurpose_allowed() throws Exception {
        assertThat(Boolean.getBoolean(RowChanges.STRICT))
                .as("surefire sets strict mode")
                .isTrue();
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:strict-" + UUID.randomUUID() + ";DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        try (Connection c = h2.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE assets_x (id BIGINT PRIMARY KEY)");
        }
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
