package com.royaltydesk.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.royaltydesk.platform.PlatformConfig;
import com.royaltydesk.platform.testutil.Evidence;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file of src/test/resources/evidence whose receipt entries a kill -9 left marked by a
 * transaction that no longer exists: every start after it failed on a lock that would never be
 * released. After an unclean stop the open reads every entry's mark and calls such marks damage,
 * which the start answers by moving the file aside and rebuilding it (decision 0017).
 */
class RowsMarkedByAGoneTransactionTest {

    @TempDir
    Path dataDir;

    @Test
    void marksOfAGoneTransaction_areDamage_namedWithTheFirstEntry() throws Exception {
        Evidence.unpackRowsMarkedByAGoneTransaction(dataDir);

        assertThatThrownBy(() -> Database.open(
                                PlatformConfig.defaultJdbcUrl(dataDir),
                                DatabaseLogin.NONE,
                                H2FileCheck.Scope.EVERY_PAGE)
                        .close())
                .isInstanceOf(DamagedDatabaseException.class)
                .hasMessageContaining("still marked as written by a transaction that no longer exists")
                .hasMessageContaining("by transaction 2")
                .satisfies(e -> assertThat(UnopenableDatabase.isDamage(e)).isTrue());
    }

    @Test
    void aCleanFile_hasNoSuchMarks() throws Exception {
        String url = PlatformConfig.defaultJdbcUrl(dataDir);
        Database.open(url).close();

        try (Database database = Database.open(url, DatabaseLogin.NONE, H2FileCheck.Scope.EVERY_PAGE)) {
            assertThat(database.isReachable()).isTrue();
        }
    }
}
