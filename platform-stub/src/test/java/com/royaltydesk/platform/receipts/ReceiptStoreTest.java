package com.royaltydesk.platform.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.platform.db.Database;
import com.royaltydesk.platform.testutil.NoDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receipt lookup a start makes for every journaled receipt reads by index, not the whole table:
 * as {@code receipt_id = ? OR log_index = ?} H2 planned a table scan, and a rebuild putting back
 * 31,926 receipts took minutes (session 21's crash rounds). Checked on H2's own plan.
 */
@Tag(NoDatabase.TAG)
class ReceiptStoreTest {

    @TempDir
    Path dataDir;

    @Test
    void exists_readsByTheIdAndTheLogIndexIndexes_neverTheWholeTable() throws Exception {
        try (Database database = Database.open(Database.h2FileUrl(dataDir));
                Connection connection = database.dataSource().getConnection();
                PreparedStatement explain = connection.prepareStatement("EXPLAIN " + ReceiptStore.EXISTS)) {
            explain.setString(1, "pt_x");
            explain.setLong(2, 7);
            String plan;
            try (ResultSet row = explain.executeQuery()) {
                row.next();
                plan = row.getString(1);
            }

            assertThat(plan).doesNotContainIgnoringCase("tableScan");
            assertThat(plan).contains("receipt_id = ?1").contains("log_index = ?2");
            assertThat(new ReceiptStore(database.dataSource()).exists(connection, "pt_x", 7))
                    .isFalse();
        }
    }
}
