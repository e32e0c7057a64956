package com.royaltydesk.platform.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.royaltydesk.platform.journal.Journal;
import com.royaltydesk.platform.testutil.NoDatabase;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch's journal record, written to a real journal file and read back by a reopened journal, is
 * the batch it was — every field, exact amounts with their scale, absent revenue and units absent —
 * and its JSON keeps the shape records written by earlier versions have, field by field (a start
 * replays whatever the version before it journaled, and a version after this one replays these).
 */
@Tag(NoDatabase.TAG)
class UsageJournalTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private static PricedEvent event(int index, String id, BigDecimal revenue, BigDecimal units) {
        return new PricedEvent(
                index,
                id,
                "atlas-7b",
                "pt_0Kv1aB2cD3eF4gH5iJ6k",
                "ds_0Kv1aB2cD3eF4gH5iJ6k",
                "creator_42",
                Instant.parse("2026-11-30T23:59:59.123456789Z"),
                9_007_199_254_740_993L, // beyond a double's exact integers
                revenue,
                new BigDecimal("0.000000000000000001"),
                units,
                "USD");
    }

    @Test
    void batch_appendedThenReplayedByAReopenedJournal_comesBackTheSame() {
        UsageJournal.Batch batch = new UsageJournal.Batch(
                "host_1",
                "ubatch_1",
                Instant.parse("2026-12-01T00:00:00Z"),
                List.of(
                        event(0, "e-\"quoted\"\\ and ünïcode", new BigDecimal("12.50"), new BigDecimal("3.000")),
                        event(1, "e-2", null, null)),
                Set.of("pt_held"));
        try (UsageJournal journal = UsageJournal.open(dataDir, JSON)) {
            journal.append(batch);
            journal.awaitDurable();
        }

        List<UsageJournal.Batch> replayed = new ArrayList<>();
        try (UsageJournal journal = UsageJournal.open(dataDir, JSON)) {
            journal.replayUnapplied(replayed::add);
        }

        assertThat(replayed).containsExactly(batch);
    }

    @Test
    void record_keepsTheShapeEarlierRecordsHave() throws Exception {
        UsageJournal.Batch batch = new UsageJournal.Batch(
                "host_1",
                "ubatch_1",
                Instant.parse("2026-12-01T00:00:00Z"),
                List.of(event(0, "e-1", new BigDecimal("12.50"), null)),
                Set.of());
        try (UsageJournal journal = UsageJournal.open(dataDir, JSON)) {
            journal.append(batch);
            journal.awaitDurable();
        }
        List<byte[]> payloads = new ArrayList<>();
        try (Journal raw = Journal.open(dataDir.resolve(UsageJournal.FOLDER))) {
            raw.replay(0, entry -> payloads.add(entry.payload()));
        }

        assertThat(payloads).hasSize(1);
        JsonNode record = JSON.readTree(payloads.get(0));
        assertThat(record.path("host_id").asText()).isEqualTo("host_1");
        assertThat(record.path("batch_id").asText()).isEqualTo("ubatch_1");
        assertThat(record.path("received_at").asText()).isEqualTo("2026-12-01T00:00:00Z");
        assertThat(record.path("held_receipts").isArray()).isTrue();
        JsonNode event = record.path("events").path(0);
        assertThat(event.path("event_time").asText()).isEqualTo("2026-11-30T23:59:59.123456789Z");
        assertThat(event.path("tokens").isIntegralNumber()).isTrue();
        assertThat(event.path("tokens").asLong()).isEqualTo(9_007_199_254_740_993L);
        assertThat(event.path("revenue").asText()).isEqualTo("12.50");
        assertThat(event.path("amount").asText()).isEqualTo("0.000000000000000001");
        assertThat(event.has("units")).isFalse();
        assertThat(event.path("currency").asText()).isEqualTo("USD");
    }
}
