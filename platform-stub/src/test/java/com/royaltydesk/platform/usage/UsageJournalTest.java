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
 * and its JSON keeps its shape field by field, while records written by earlier versions still
 * read back (a start replays whatever the version before it journaled, and a version after this one
 * replays these).
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
                        event(1, "e-2", null, null),
                        new PricedEvent(
                                2,
                                "e-3",
                                "orion-2",
                                "pt_other",
                                "ds_other",
                                "creator_7",
                                Instant.parse("2026-11-02T00:00:00Z"),
                                1,
                                null,
                                BigDecimal.ONE,
                                null,
                                "EUR"),
                        // A receipt's facts differing within a batch: never by ingestion's rules, kept all the same.
                        new PricedEvent(
                                3,
                                "e-4",
                                "orion-3",
                                "pt_other",
                                "ds_other",
                                "creator_9",
                                Instant.parse("2026-11-02T00:00:00Z"),
                                1,
                                null,
                                BigDecimal.ONE,
                                null,
                                "EUR")),
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
    void record_keepsItsShape_aReceiptsFactsOnceABatch() throws Exception {
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
        // What a receipt says of the event is written once a batch, not once an event (decision 0028).
        JsonNode receipt = record.path("receipts").path("pt_0Kv1aB2cD3eF4gH5iJ6k");
        assertThat(receipt.path("model_id").asText()).isEqualTo("atlas-7b");
        assertThat(receipt.path("asset_id").asText()).isEqualTo("ds_0Kv1aB2cD3eF4gH5iJ6k");
        assertThat(receipt.path("creator_id").asText()).isEqualTo("creator_42");
        JsonNode event = record.path("events").path(0);
        assertThat(event.path("event_id").asText()).isEqualTo("e-1");
        assertThat(event.path("receipt_id").asText()).isEqualTo("pt_0Kv1aB2cD3eF4gH5iJ6k");
        assertThat(event.has("model_id") || event.has("asset_id") || event.has("creator_id"))
                .isFalse();
        assertThat(event.path("event_time").asText()).isEqualTo("2026-11-30T23:59:59.123456789Z");
        assertThat(event.path("tokens").isIntegralNumber()).isTrue();
        assertThat(event.path("tokens").asLong()).isEqualTo(9_007_199_254_740_993L);
        assertThat(event.path("revenue").asText()).isEqualTo("12.50");
        assertThat(event.path("amount").asText()).isEqualTo("0.000000000000000001");
        assertThat(event.has("units")).isFalse();
        assertThat(event.path("currency").asText()).isEqualTo("USD");
    }

    /** A record as versions before decision 0028 wrote it — the receipt's facts on every event — replays the same. */
    @Test
    void recordOfAnEarlierVersion_attributionOnEveryEvent_replaysTheSameBatch() {
        try (Journal raw = Journal.open(dataDir.resolve(UsageJournal.FOLDER))) {
            raw.appendDurably(
                    ("{\"host_id\":\"host_1\",\"batch_id\":\"ubatch_1\",\"received_at\":\"2026-12-01T00:00:00Z\","
                                    + "\"held_receipts\":[],\"events\":[{\"event_id\":\"e-1\",\"model_id\":\"atlas-7b\","
                                    + "\"receipt_id\":\"pt_0Kv1aB2cD3eF4gH5iJ6k\",\"asset_id\":\"ds_0Kv1aB2cD3eF4gH5iJ6k\","
                                    + "\"creator_id\":\"creator_42\",\"event_time\":\"2026-11-30T23:59:59.123456789Z\","
                                    + "\"tokens\":9007199254740993,\"amount\":\"0.000000000000000001\",\"currency\":\"USD\"}]}")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        List<UsageJournal.Batch> replayed = new ArrayList<>();
        try (UsageJournal journal = UsageJournal.open(dataDir, JSON)) {
            journal.replayUnapplied(replayed::add);
        }

        assertThat(replayed)
                .containsExactly(new UsageJournal.Batch(
                        "host_1",
                        "ubatch_1",
                        Instant.parse("2026-12-01T00:00:00Z"),
                        List.of(event(0, "e-1", null, null)),
                        Set.of()));
    }
}
