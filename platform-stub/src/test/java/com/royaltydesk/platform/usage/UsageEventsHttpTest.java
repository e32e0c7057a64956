package com.royaltydesk.platform.usage;

import static com.royaltydesk.platform.testutil.ErrorAssertions.assertError;
import static com.royaltydesk.platform.testutil.ErrorAssertions.assertErrorField;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.royaltydesk.platform.PlatformConfig;
import com.royaltydesk.platform.testutil.Receipts;
import com.royaltydesk.platform.testutil.RunningPlatform;
import com.royaltydesk.platform.testutil.TestDatabase;
import com.royaltydesk.platform.testutil.Usage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageEventsHttpTest {

    private static final String MODEL = "model_xyz";

    @TempDir
    Path dataDir;

    private RunningPlatform platform;
    private String receipt;

    private void start(UsageLimits limits) throws Exception {
        platform = RunningPlatform.start(
                new PlatformConfig(PlatformConfig.DEFAULT_HOST, 0, dataDir, null, true).withUsageLimits(limits));
        receipt = Receipts.record(platform, MODEL).path("receipt_id").asText();
    }

    @AfterEach
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    private HttpResponse<String> send(String body) throws Exception {
        return platform.json("POST", "/v1/usage-events", platform.hostKey(), body);
    }

    /** What the creator's balances show held as {@code fraud_hold}, over every currency. */
    private java.math.BigDecimal heldForReview() throws Exception {
        java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
        for (JsonNode balance : RunningPlatform.body(platform.get("/v1/balances", platform.creator42Key()))
                .path("balances")) {
            for (JsonNode held : balance.path("held")) {
                if ("fraud_hold".equals(held.path("reason").asText())) {
                    sum = sum.add(held.path("amount").decimalValue());
                }
            }
        }
        return sum;
    }

    private long storedEvents() throws Exception {
        try (var connection = platform.openDatabaseConnection();
                ResultSet row = connection.createStatement().executeQuery("SELECT COUNT(*) FROM usage_events")) {
            row.next();
            return row.getLong(1);
        }
    }

    @Test
    void ingest_validBatch_allAcceptedWithBatchId() throws Exception {
        start(UsageLimits.DEFAULTS);

        JsonNode result = RunningPlatform.body(send(Usage.batch("a", 3, MODEL, receipt, 120, Instant.now())));

        assertThat(result.path("accepted").asInt()).isEqualTo(3);
        assertThat(result.path("duplicates").asInt()).isZero();
        assertThat(result.path("rejected")).isEmpty();
        assertThat(result.path("processing_batch").asText()).startsWith("ubatch_");
        assertThat(storedEvents()).isEqualTo(3);
    }

    @Test
    void ingest_storedRows_holdEveryFieldAsSent_acceptedAndHeld() throws Exception {
        start(new UsageLimits(1000, 10_000_000, Duration.ofMinutes(5), Duration.ofDays(35), 1000, 1_000_000, 1000));
        Instant at = Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        ArrayNode events = RunningPlatform.JSON.createArrayNode();
        events.add(Usage.event("row-1", MODEL, receipt, 250, at.plusNanos(123_456_000)));
        events.add(Usage.event("row-2", MODEL, receipt, 7, at.plusNanos(999_999_000)));
        RunningPlatform.body(send(Usage.wrap(events)));
        // Over the burst limit (1,000 tokens a receipt a batch): both held.
        JsonNode held = RunningPlatform.body(send(Usage.batch("held", 2, MODEL, receipt, 600, at)));
        assertThat(held.path("held").asInt()).isEqualTo(2);

        List<String> rows = new ArrayList<>();
        try (var connection = platform.openDatabaseConnection();
                ResultSet row = connection
                        .createStatement()
                        .executeQuery(
                                "SELECT event_id, receipt_id, event_time, tokens, revenue, amount, units, currency,"
                                        + " status, hold_reason, seq FROM usage_events ORDER BY seq")) {
            while (row.next()) {
                rows.add(row.getString(1) + " " + row.getString(2).equals(receipt) + " "
                        + row.getTimestamp(3).toInstant() + " " + row.getLong(4) + " " + row.getBigDecimal(5) + " "
                        + row.getBigDecimal(6).stripTrailingZeros().toPlainString() + " "
                        + row.getBigDecimal(7).stripTrailingZeros().toPlainString() + " " + row.getString(8) + " "
                        + row.getString(9) + " " + row.getString(10));
            }
        }
        assertThat(rows)
                .as("in the order sent, each field as sent (the sandbox asset: 0.0001 USD a token, per use)")
                .containsExactly(
                        "row-1 true " + at.plusNanos(123_456_000) + " 250 null 0.025 0 USD accepted null",
                        "row-2 true " + at.plusNanos(999_999_000) + " 7 null 0.0007 0 USD accepted null",
                        "held-0 true " + at + " 600 null 0.06 0 USD held fraud_hold",
                        "held-1 true " + at + " 600 null 0.06 0 USD held fraud_hold");
    }

    @Test
    void dryRun_validBatch_answeredButNothingStored() throws Exception {
        start(UsageLimits.DEFAULTS);
        ArrayNode events = RunningPlatform.JSON.createArrayNode();
        events.add(Usage.event("dry-1", MODEL, receipt, 5, Instant.now()));
        events.add(Usage.event("dry-2", MODEL, "pt_nope", 5, Instant.now()));

        JsonNode result = RunningPlatform.body(
                platform.json("POST", "/v1/usage-events?dry_run=true", platform.hostKey(), Usage.wrap(events)));

        assertThat(result.path("accepted").asInt()).isEqualTo(1);
        assertThat(result.at("/rejected/0/code").asText()).isEqualTo("unknown_receipt");
        assertThat(storedEvents()).isZero();
    }

    @Test
    void ingest_sameBatchTwice_secondTimeAllDuplicates() throws Exception {
        start(UsageLimits.DEFAULTS);
        String body = Usage.batch("b", 5, MODEL, receipt, 10, Instant.now());
        String first = RunningPlatform.body(send(body)).path("processing_batch").asText();

        JsonNode again = RunningPlatform.body(send(body));

        assertThat(again.path("accepted").asInt()).isZero();
        assertThat(again.path("duplicates").asInt()).isEqualTo(5);
        assertThat(storedEvents()).isEqualTo(5);
        assertThat(storedBatches())
                .as("a batch's facts are kept once, with its events; a batch of duplicates only keeps none")
                .containsExactly(List.of(first, "5"));
    }

    /** Each stored batch (V17) with how many stored events name it, oldest first. */
    private List<List<String>> storedBatches() throws Exception {
        List<List<String>> batches = new ArrayList<>();
        try (var connection = platform.openDatabaseConnection();
                ResultSet rows = connection
                        .createStatement()
                        .executeQuery("SELECT b.batch_id, COUNT(e.seq)"
                                + " FROM usage_batches b LEFT JOIN usage_events e ON e.batch_seq = b.batch_seq"
                                + " GROUP BY b.batch_seq, b.batch_id ORDER BY b.batch_seq")) {
            while (rows.next()) {
                batches.add(List.of(rows.getString(1), rows.getString(2)));
            }
        }
        return batches;
    }

    /**
     * Dedup is by a 128-bit fingerprint of (host, event id); the stored row's ids are compared on
     * every hit. A collision is made here by giving a stored event the fingerprint of a new id: the
     * new event must be refused loudly, not answered as a duplicate (that would be usage never paid).
     */
    @Test
    void ingest_idWhoseFingerprintAnotherStoredIdHas_conflictNamingItAndNothingStored() throws Exception {
        start(UsageLimits.DEFAULTS);
        send(Usage.batch("stored", 1, MODEL, receipt, 10, Instant.now()));
        try (var connection = platform.openDatabaseConnection();
                var update =
                        connection.prepareStatement("UPDATE usage_events SET fingerprint_hi = ?, fingerprint_lo = ?")) {
            String hostId;
            try (ResultSet row = connection.createStatement().executeQuery("SELECT host_id FROM usage_batches")) {
                row.next();
                hostId = row.getString(1);
            }
            var collision = com.royaltydesk.platform.core.EventFingerprint.of(hostId, "new-0");
            update.setLong(1, collision.hi());
            update.setLong(2, collision.lo());
            assertThat(update.executeUpdate()).isEqualTo(1);
            if (!TestDatabase.onPostgres()) {
                // The table kept beside H2 still has the old fingerprint: the start is made to read the rows.
                connection.createStatement().execute("DELETE FROM usage_dedup_lineage");
            }
        }
        // On H2 the fingerprints are read from the rows at a start that has no table to trust (decision 0029).
        platform.close();
        start(UsageLimits.DEFAULTS);

        HttpResponse<String> answer = send(Usage.batch("new", 2, MODEL, receipt, 10, Instant.now()));

        assertError(answer, 409, "event_fingerprint_collision");
        assertThat(answer.body()).contains("new-0");
        assertThat(storedEvents())
                .as("the batch's other, new event is not stored either")
                .isEqualTo(1);
    }

    @Test
    void ingest_seedsEventsWithoutEventId_acceptedAndARetryIsDeduplicated() throws Exception {
        start(UsageLimits.DEFAULTS);
        Instant at = Instant.now().minusSeconds(60);
        String seedBatch = """
                {"events":[
                 {"model_id":"%s","timestamp":"%s","tokens":120,"receipt_ref":"%s"},
                 {"model_id":"%s","timestamp":"%s","tokens":30,"receipt_ref":"%s"}]}""".formatted(MODEL, at, receipt, MODEL, at.plusSeconds(90), receipt);

        JsonNode first = RunningPlatform.body(send(seedBatch));
        JsonNode retry = RunningPlatform.body(send(seedBatch));
        JsonNode sameEventOtherSpelling = RunningPlatform.body(send(seedBatch
                .replace("\"tokens\":120", "\"tokens\":120.0")
                .replace(
                        at.toString(),
                        at.atOffset(java.time.ZoneOffset.ofHours(2)).toString())));

        assertThat(first.path("accepted").asInt()).as(first.toString()).isEqualTo(2);
        assertThat(retry.path("accepted").asInt()).isZero();
        assertThat(retry.path("duplicates").asInt()).isEqualTo(2);
        assertThat(sameEventOtherSpelling.path("duplicates").asInt())
                .as("the id is derived from what the event says, not how it is written: " + sameEventOtherSpelling)
                .isGreaterThanOrEqualTo(1);
        assertThat(storedEvents()).isEqualTo(2);
    }

    @Test
    void ingest_eventIdWithTheDerivedPrefix_rejectedSoGivenAndDerivedIdsNeverMeet() throws Exception {
        start(UsageLimits.DEFAULTS);
        ArrayNode events = RunningPlatform.JSON.createArrayNode();
        events.add(Usage.event("derived:abc", MODEL, receipt, 10, Instant.now()));

        JsonNode answer = RunningPlatform.body(send(Usage.wrap(events)));

        assertThat(answer.path("rejected").get(0).path("code").asText()).isEqualTo("invalid_event");
    }

    @Test
    void ingest_sameIdTwiceInOneBatch_countedOnce() throws Exception {
        start(UsageLimits.DEFAULTS);
        ArrayNode events = RunningPlatform.JSON.createArrayNode();
        events.add(Usage.event("dup", MODEL, receipt, 1, Instant.now()));
        events.add(Usage.event("dup", MODEL, receipt, 1, Instant.now()));

        JsonNode result = RunningPlatform.body(send(Usage.wrap(events)));

        assertThat(result.path("accepted").asInt()).isEqualTo(1);
        assertThat(result.path("duplicates").asInt()).isEqualTo(1);
    }

    @Test
    void ingest_concurrentDuplicateBatches_countedOnce() throws Exception {
        start(UsageLimits.DEFAULTS);
        String body = Usage.batch("c", 400, MODEL, receipt, 7, Instant.now());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<JsonNode>> results = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Callable<JsonNode> call = () -> RunningPlatform.body(send(body));
            results.add(pool.submit(call));
        }
        int accepted = 0;
        int duplicates = 0;
        for (Future<JsonNode> result : results) {
            accepted += result.get().path("accepted").asInt();
            duplicates += result.get().path("duplicates").asInt();
        }
        pool.shutdown();

        assertThat(accepted).isEqualTo(400);
        assertThat(duplicates).isEqualTo(5 * 400);
        assertThat(storedEvents()).isEqualTo(400);
    }

    @Test
    void ingest_mixedBatch_validAcceptedEachBadOneRejectedWithCode() throws Exception {
        start(UsageLimits.DEFAULTS);
        String other =
                Receipts.record(platform, "model_other").path("receipt_id").asText();
        Instant now = Instant.now();
        ArrayNode events = RunningPlatform.JSON.createArrayNode();
        events.add(Usage.event("ok-1", MODEL, receipt, 5, now));
        events.add(Usage.event("zero", MODEL, receipt, 0, now));
        events.add(Usage.event("huge", MODEL, receipt, UsageLimits.DEFAULTS.maxTokensPerEvent() + 1, now));
        events.add(Usage.event("future", MODEL, receipt, 5, now.plus(Duration.ofMinutes(10))));
        events.add(Usage.event("old", MODEL, receipt, 5, now.minus(Duration.ofDays(40))));
        events.add(Usage.event("ghost", MODEL, "pt_nope", 5, now));
        events.add(Usage.event("mismatch", MODEL, other, 5, now));
        events.add(Usage.event("extra", MODEL, receipt, 5, now).put("colour", "red"));
        events.add(RunningPlatform.JSON.createArrayNode());
        events.add(Usage.event("ok-2", MODEL, receipt, 5, now));

        JsonNode result = RunningPlatform.body(send(Usage.wrap(events)));

        assertThat(result.path("accepted").asInt()).isEqualTo(2);
        List<String> codes = new ArrayList<>();
        result.path("rejected")
                .forEach(r ->
                        codes.add(r.path("index").asInt() + ":" + r.path("code").asText()));
        assertThat(codes)
                .containsExactly(
                        "1:tokens_out_of_range",
                        "2:tokens_out_of_range",
                        "3:timestamp_in_future",
                        "4:timestamp_too_old",
                        "5:unknown_receipt",
                        "6:receipt_model_mismatch",
                        "7:invalid_event",
                        "8:invalid_event");
        assertThat(result.at("/rejected/0/event_id").asText()).isEqualTo("zero");
        assertThat(storedEvents()).isEqualTo(2);
    }

    @Test
    void ingest_revShareAssetWithoutRevenue_revenueRequired() throws Exception {
        start(UsageLimits.DEFAULTS);
        String revReceipt = Receipts.forNewCreator(platform, "rev", "{\"type\":\"rev_share\",\"share\":0.2}", "m-rev")
                .receiptId();
        ArrayNode events = RunningPlatform.JSON.createArrayNode();
        events.add(Usage.event("no-rev", "m-rev", revReceipt, 5, Instant.now()));
        events.add(Usage.event("rev", "m-rev", revReceipt, 5, Instant.now()).put("revenue", 2.50));

        JsonNode result = RunningPlatform.body(send(Usage.wrap(events)));

        assertThat(result.path("accepted").asInt()).isEqualTo(1);
        assertThat(result.at("/rejected/0/code").asText()).isEqualTo("revenue_required");
    }

    @Test
    void ingest_wrongKeyOrEnvelope_rejectedWholeAndNothingStored() throws Exception {
        start(UsageLimits.DEFAULTS);
        String body = Usage.batch("d", 2, MODEL, receipt, 1, Instant.now());

        assertError(platform.json("POST", "/v1/usage-events", platform.creator42Key(), body), 403, "forbidden");
        assertError(platform.json("POST", "/v1/usage-events", null, body), 401, "unauthorized");
        assertErrorField(send("{\"events\":[]}"), 400, "invalid_request", "events");
        assertErrorField(send("{\"events\":[],\"extra\":1}"), 400, "invalid_request", "extra");
        assertErrorField(
                send(Usage.batch("big", 1001, MODEL, receipt, 1, Instant.now())), 400, "invalid_request", "events");
        assertError(send("{\"events\":"), 400, "invalid_json");
        assertThat(storedEvents()).isZero();
    }

    @Test
    void ingest_overRequestRate_429WithRetryAfter() throws Exception {
        start(new UsageLimits(
                1000, 10_000_000, Duration.ofMinutes(5), Duration.ofDays(35), 2, 1_000_000, 1_000_000_000));
        send(Usage.batch("r1", 1, MODEL, receipt, 1, Instant.now()));
        send(Usage.batch("r2", 1, MODEL, receipt, 1, Instant.now()));

        HttpResponse<String> limited = send(Usage.batch("r3", 1, MODEL, receipt, 1, Instant.now()));

        if (limited.statusCode() != 429) {
            // The one-second window rolled over between requests; the third of three quick ones must hit it.
            send(Usage.batch("r4", 1, MODEL, receipt, 1, Instant.now()));
            limited = send(Usage.batch("r5", 1, MODEL, receipt, 1, Instant.now()));
        }
        assertError(limited, 429, "rate_limited");
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void ingest_overEventVelocity_429AndThoseEventsNotStored() throws Exception {
        start(new UsageLimits(1000, 10_000_000, Duration.ofMinutes(5), Duration.ofDays(35), 1000, 50, 1_000_000_000));
        send(Usage.batch("v1", 40, MODEL, receipt, 1, Instant.now()));

        HttpResponse<String> limited = send(Usage.batch("v2", 20, MODEL, receipt, 1, Instant.now()));

        assertError(limited, 429, "rate_limited");
        assertThat(limited.headers().firstValue("Retry-After"))
                .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 60L));
        assertThat(storedEvents()).isEqualTo(40);
    }

    @Test
    void ingest_burstOnOneReceipt_heldNotDroppedThenReleased() throws Exception {
        start(new UsageLimits(1000, 10_000_000, Duration.ofMinutes(5), Duration.ofDays(35), 1000, 1_000_000, 1000));

        JsonNode result = RunningPlatform.body(send(Usage.batch("burst", 3, MODEL, receipt, 600, Instant.now())));

        assertThat(result.path("held").asInt()).isEqualTo(3);
        assertThat(result.path("accepted").asInt()).isZero();
        assertThat(storedEvents()).isEqualTo(3);
        assertThat(heldForReview()).as("the creator's balance shows them held").isPositive();
        String batch = result.path("processing_batch").asText();
        assertError(
                platform.json("POST", "/v1/usage-batches/" + batch + "/release", platform.hostKey(), null),
                403,
                "forbidden");

        JsonNode released = RunningPlatform.body(
                platform.json("POST", "/v1/usage-batches/" + batch + "/release", platform.platformKey(), null));

        assertThat(released.path("released").asInt()).isEqualTo(3);
        assertThat(heldForReview()).isZero();
        assertError(
                platform.json("POST", "/v1/usage-batches/" + batch + "/release", platform.platformKey(), null),
                404,
                "not_found");
    }
}
