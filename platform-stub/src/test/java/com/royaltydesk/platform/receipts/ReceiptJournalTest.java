package com.royaltydesk.platform.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.royaltydesk.platform.testutil.NoDatabase;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a backup taken while a group of receipts is being committed must replay (a real journal on disk). */
@Tag(NoDatabase.TAG)
class ReceiptJournalTest {

    @TempDir
    Path dataDir;

    @Test
    void whileAGroupIsOpen_aSnapshotMayLackEveryRecordOfIt_afterwardsOnlyTheLast() {
        try (ReceiptJournal journal = ReceiptJournal.open(dataDir, new ObjectMapper())) {
            long before = journal.append(issued("pt_0", 0));

            journal.groupOpening();
            long first = journal.append(issued("pt_1", 1));
            journal.append(issued("pt_2", 2));
            long last = journal.append(issued("pt_3", 3));

            assertThat(journal.firstNotSurelyCommitted()).isEqualTo(first).isGreaterThan(before);
            journal.groupClosed();
            assertThat(journal.firstNotSurelyCommitted()).isEqualTo(last);
        }
    }

    private static ReceiptJournal.Issued issued(String receiptId, long index) {
        Receipt receipt = new Receipt(
                receiptId,
                index,
                "00",
                "creator_1",
                "ds_1",
                "model",
                null,
                BigDecimal.ONE,
                "cc-by-4.0",
                "kid",
                "EdDSA",
                "jwt",
                false,
                Instant.EPOCH,
                Instant.EPOCH);
        return new ReceiptJournal.Issued(receipt, null, null, null);
    }
}
