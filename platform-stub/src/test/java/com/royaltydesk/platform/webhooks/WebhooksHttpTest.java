package com.royaltydesk.platform.webhooks;

import static com.royaltydesk.platform.testutil.ErrorAssertions.assertError;
import static com.royaltydesk.platform.testutil.ErrorAssertions.assertErrorField;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.royaltydesk.platform.PlatformConfig;
import com.royaltydesk.platform.journal.RowChanges;
import com.royaltydesk.platform.testutil.Receipts;
import com.royaltydesk.platform.testutil.RunningPlatform;
import com.royaltydesk.platform.testutil.Tarpit;
import com.royaltydesk.platform.testutil.Usage;
import com.royaltydesk.platform.testutil.WebhookReceiver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real deliveries to a real receiver on loopback, with short retry delays. */
class WebhooksHttpTest {

    private static final WebhookSettings FAST = new WebhookSettings(
            Duration.ofMillis(100),
            Duration.ofMillis(400),
            Duration.ofHours(25),
            Duration.ofSeconds(5),
            Duration.ofMillis(50),
            Duration.ofSeconds(10),
            false);

    @TempDir
    Path dataDir;

    private RunningPlatform platform;
    private final WebhookReceiver receiver = new WebhookReceiver();

    private void start(WebhookSettings settings, boolean sandbox) {
        platform = RunningPlatform.start(
                new PlatformConfig("127.0.0.1", 0, dataDir, null, sandbox).withWebhooks(settings));
    }

    @AfterEach
    void stop() {
        if (platform != null) {
            platform.close();
        }
        receiver.close();
    }

    private JsonNode endpoint(String key, String... types) throws Exception {
        String list = String.join("\",\"", types);
        var response = platform.json(
                "POST",
                "/v1/webhook-endpoints",
                key,
                "{\"url\":\"" + receiver.url() + "\",\"event_types\":[\"" + list + "\"]}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return RunningPlatform.body(response);
    }

    private JsonNode deliveries(String key, String endpointId) throws Exception {
        return RunningPlatform.body(platform.get("/v1/webhook-deliveries?endpoint_id=" + endpointId, key))
                .path("deliveries");
    }

    /** Waits (no timing assertion) until the delivery log satisfies {@code condition}. */
    private JsonNode awaitDeliveries(String key, String endpointId, Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode log = deliveries(key, endpointId);
        while (!condition.test(log) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            log = deliveries(key, endpointId);
        }
        return log;
    }

    private static boolean allIn(JsonNode log, String status) {
        if (log.isEmpty()) {
            return false;
        }
        for (JsonNode d : log) {
            if (!d.path("status").asText().equals(status)) {
                return false;
            }
        }
        return true;
    }

    /** Checks a Standard Webhooks signature exactly as the spec says, independently of the platform's signer. */
    private static boolean standardSignatureValid(String secret, WebhookReceiver.Received request) throws Exception {
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        String signed = request.header("webhook-id") + "." + request.header("webhook-timestamp") + "." + request.body();
        String expected = Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        for (String signature : request.header("webhook-signature").split(" ")) {
            if (signature.equals("v1," + expected)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void receiptIssued_deliveredSignedPerStandardWebhooksAndSeed() throws Exception {
        start(FAST, true);
        JsonNode endpoint = endpoint(platform.platformKey(), "receipt.issued");
        String receiptId = Receipts.record(platform, "m").path("receipt_id").asText();

        JsonNode log = awaitDeliveries(
                platform.platformKey(), endpoint.path("endpoint_id").asText(), l -> allIn(l, "succeeded"));

        assertThat(log).hasSize(1);
        WebhookReceiver.Received request = receiver.received().get(0);
        String secret = endpoint.path("secret").asText();
        assertThat(secret).startsWith("whsec_");
        assertThat(standardSignatureValid(secret, request)).isTrue();
        assertThat(Math.abs(Long.parseLong(request.header("webhook-timestamp"))
                        - Instant.now().getEpochSecond()))
                .isLessThan(300);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
        assertThat(request.header("X-Signature"))
                .isEqualTo("sha256="
                        + HexFormat.of().formatHex(mac.doFinal(request.body().getBytes(StandardCharsets.UTF_8))));
        JsonNode body = RunningPlatform.JSON.readTree(request.body());
        assertThat(body.path("type").asText()).isEqualTo("receipt.issued");
        assertThat(body.at("/data/receipt_id").asText()).isEqualTo(receiptId);
        assertThat(standardSignatureValid(WebhookSigner.newSecret(), request))
                .as("another secret fails")
                .isFalse();
    }

    @Test
    void failingReceiver_retriedWithBackoffUntilItSucceeds() throws Exception {
        start(FAST, true);
        receiver.answer(List.of(500, 503), 200);
        JsonNode endpoint = endpoint(platform.platformKey(), "receipt.issued");
        Receipts.record(platform, "m");

        JsonNode log = awaitDeliveries(
                platform.platformKey(), endpoint.path("endpoint_id").asText(), l -> allIn(l, "succeeded"));

        JsonNode delivery = log.get(0);
        assertThat(delivery.path("attempts").asInt()).isEqualTo(3);
        assertThat(delivery.path("log"))
                .extracting(a -> a.path("status_code").asInt())
                .containsExactly(500, 503, 200);
        assertThat(receiver.received())
                .extracting(r -> r.header("webhook-id"))
                .containsOnly(receiver.received().get(0).header("webhook-id"));
    }

    @Test
    void pendingDelivery_survivesRestartAndIsDeliveredAfter() throws Exception {
        WebhookSettings slow = new WebhookSettings(
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                Duration.ofHours(25),
                Duration.ofSeconds(5),
                Duration.ofMillis(50),
                Duration.ofSeconds(10),
                false);
        start(slow, true);
        receiver.answer(List.of(500), 200);
        String platformKey = platform.platformKey();
        JsonNode endpoint = endpoint(platformKey, "receipt.issued");
        String endpointId = endpoint.path("endpoint_id").asText();
        Receipts.record(platform, "m");
        awaitDeliveries(
                platformKey,
                endpointId,
                l -> !l.isEmpty() && l.get(0).path("attempts").asInt() >= 1);
        platform.close();

        start(slow, true);
        JsonNode log = awaitDeliveries(platformKey, endpointId, l -> allIn(l, "succeeded"));

        assertThat(log.get(0).path("attempts").asInt()).isEqualTo(2);
        assertThat(receiver.received()).hasSize(2);
    }

    @Test
    void tarpitReceiver_delaysOnlyItself() throws Exception {
        WebhookSettings patient = new WebhookSettings(
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                Duration.ofHours(25),
                Duration.ofSeconds(120),
                Duration.ofMillis(50),
                Duration.ofSeconds(180),
                false);
        start(patient, true);
        try (Tarpit tarpit = new Tarpit()) {
            String key = platform.platformKey();
            var stuck = platform.json(
                    "POST",
                    "/v1/webhook-endpoints",
                    key,
                    "{\"url\":\"" + tarpit.url() + "\",\"event_types\":[\"receipt.issued\"]}");
            assertThat(stuck.statusCode()).as(stuck.body()).isEqualTo(201);
            String fast = endpoint(key, "receipt.issued").path("endpoint_id").asText();

            Receipts.record(platform, "m");
            assertThat(tarpit.awaitConnection(30)).as("the tarpit was called").isTrue();
            Receipts.record(platform, "m");

            // Both receipts reach the answering receiver while the tarpit's attempt (120 s) still hangs.
            JsonNode log = awaitDeliveries(key, fast, l -> l.size() == 2 && allIn(l, "succeeded"));
            assertThat(log).hasSize(2);
            assertThat(allIn(log, "succeeded")).as(log.toString()).isTrue();
            assertThat(tarpit.allConnectionsHeld())
                    .as("the tarpit's attempt is still in flight")
                    .isTrue();
        }
    }

    @Test
    void gone_410DisablesTheEndpoint() throws Exception {
        start(FAST, true);
        receiver.answer(List.of(), 410);
        JsonNode endpoint = endpoint(platform.platformKey(), "receipt.issued");
        Receipts.record(platform, "m");

        awaitDeliveries(platform.platformKey(), endpoint.path("endpoint_id").asText(), l -> allIn(l, "failed"));
        JsonNode listed = RunningPlatform.body(platform.get("/v1/webhook-endpoints", platform.platformKey()))
                .at("/endpoints/0");

        assertThat(listed.path("status").asText()).isEqualTo("disabled");
        assertThat(listed.has("secret") && !listed.path("secret").isNull())
                .as("secret is never listed")
                .isFalse();
    }

    @Test
    void pastTheHorizon_deliveryFailed() throws Exception {
        start(
                new WebhookSettings(
                        Duration.ofMillis(50),
                        Duration.ofMillis(50),
                        Duration.ofMillis(300),
                        Duration.ofSeconds(5),
                        Duration.ofMillis(50),
                        Duration.ofSeconds(10),
                        false),
                true);
        receiver.answer(List.of(), 500);
        JsonNode endpoint = endpoint(platform.platformKey(), "receipt.issued");
        Receipts.record(platform, "m");

        JsonNode log = awaitDeliveries(
                platform.platformKey(), endpoint.path("endpoint_id").asText(), l -> allIn(l, "failed"));

        assertThat(log.get(0).path("attempts").asInt()).isGreaterThan(1);
        assertThat(log.get(0).path("last_status_code").asInt()).isEqualTo(500);
    }

    @Test
    void redeliver_sendsTheSameEventAgain() throws Exception {
        start(FAST, true);
        JsonNode endpoint = endpoint(platform.platformKey(), "receipt.issued");
        String endpointId = endpoint.path("endpoint_id").asText();
        Receipts.record(platform, "m");
        JsonNode first = awaitDeliveries(platform.platformKey(), endpointId, l -> allIn(l, "succeeded"))
                .get(0);

        var response = platform.json(
                "POST",
                "/v1/webhook-deliveries/" + first.path("delivery_id").asText() + "/redeliver",
                platform.platformKey(),
                null);
        JsonNode log = awaitDeliveries(platform.platformKey(), endpointId, l -> l.size() == 2 && allIn(l, "succeeded"));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(log)
                .extracting(d -> d.path("event_id").asText())
                .containsOnly(first.path("event_id").asText());
        assertThat(receiver.received()).hasSize(2);
    }

    @Test
    void redeliver_toADisabledEndpoint_409AndNothingSent() throws Exception {
        start(FAST, true);
        JsonNode endpoint = endpoint(platform.platformKey(), "receipt.issued");
        String endpointId = endpoint.path("endpoint_id").asText();
        Receipts.record(platform, "m");
        JsonNode first = awaitDeliveries(platform.platformKey(), endpointId, l -> allIn(l, "succeeded"))
                .get(0);
        // Set-up behind the API's back: no journal is to carry it.
        try (var setUp = RowChanges.unjournaled();
                var connection = platform.openDatabaseConnection();
                var disable = connection.prepareStatement(
                        "UPDATE webhook_endpoints SET status = 'disabled', disabled_reason = 'test' WHERE endpoint_id = ?")) {
            disable.setString(1, endpointId);
            disable.executeUpdate();
        }

        var response = platform.json(
                "POST",
                "/v1/webhook-deliveries/" + first.path("delivery_id").asText() + "/redeliver",
                platform.platformKey(),
                null);

        assertError(response, 409, "endpoint_not_active");
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void fanOut_moreThanAThousandSubscribers_everyOneGetsADelivery_othersAndDisabledNone() throws Exception {
        start(FAST, true);
        JsonNode other = RunningPlatform.body(platform.json("POST", "/v1/creators", null, "{}"));
        endpoint(other.path("api_key").asText(), "receipt.issued"); // another creator's: must not hear
        try (var setUp = RowChanges.unjournaled();
                var connection = platform.openDatabaseConnection();
                var insert = connection.prepareStatement("INSERT INTO webhook_endpoints (endpoint_id, owner_role,"
                        + " creator_id, url, event_types, secret, status, created_at)"
                        + " VALUES (?, 'creator', 'creator_42', ?, ?, 'whsec_x', ?, CURRENT_TIMESTAMP)")) {
            for (int i = 0; i < 1_100; i++) {
                insert.setString(1, String.format("we_bulk_%05d", i));
                insert.setString(2, receiver.url());
                insert.setString(3, i % 2 == 0 ? "receipt.issued" : "payout.paid,receipt.issued");
                insert.setString(4, i == 7 ? "disabled" : "active");
                insert.addBatch();
            }
            insert.executeBatch();
        }

        Receipts.record(platform, "m");

        try (var connection = platform.openDatabaseConnection();
                var count = connection
                        .createStatement()
                        .executeQuery(
                                "SELECT COUNT(*) FROM webhook_deliveries d JOIN webhook_endpoints e"
                                        + " ON e.endpoint_id = d.endpoint_id WHERE e.endpoint_id LIKE 'we\\_bulk\\_%' ESCAPE '\\'")) {
            count.next();
            assertThat(count.getLong(1)).as("1,100 subscribers, one disabled").isEqualTo(1_099);
        }
        try (var connection = platform.openDatabaseConnection();
                var count = connection
                        .createStatement()
                        .executeQuery("SELECT COUNT(*) FROM webhook_deliveries d JOIN webhook_endpoints e"
                                + " ON e.endpoint_id = d.endpoint_id WHERE e.creator_id <> 'creator_42'")) {
            count.next();
            assertThat(count.getLong(1)).as("another creator's endpoint").isZero();
        }
    }

    /**
     * An event no endpoint wants is not stored: nothing ever reads it (events are read only through
     * their deliveries), and a receipt's would cost every receipt a row and a random-key index entry
     * (issue #15). An endpoint registered later gets the events after it, as before.
     */
    @Test
    void eventNobodySubscribedTo_notStored_anEndpointRegisteredLaterGetsTheNextOnes() throws Exception {
        start(FAST, true);
        long before = webhookEventsStored();
        Receipts.record(platform, "m");
        assertThat(webhookEventsStored())
                .as("events after a receipt nobody subscribed to")
                .isEqualTo(before);

        JsonNode own = endpoint(platform.creator42Key(), "receipt.issued");
        String receiptId = Receipts.record(platform, "m2").path("receipt_id").asText();

        assertThat(webhookEventsStored()).isEqualTo(before + 1);
        JsonNode log =
                awaitDeliveries(platform.creator42Key(), own.path("endpoint_id").asText(), l -> allIn(l, "succeeded"));
        assertThat(log).hasSize(1);
        assertThat(receiver.received())
                .singleElement()
                .satisfies(r -> assertThat(r.body()).contains(receiptId));
    }

    private long webhookEventsStored() throws Exception {
        try (var connection = platform.openDatabaseConnection();
                var count = connection.createStatement().executeQuery("SELECT COUNT(*) FROM webhook_events")) {
            count.next();
            return count.getLong(1);
        }
    }

    @Test
    void creatorEndpoint_getsOnlyItsOwnEvents() throws Exception {
        start(FAST, true);
        JsonNode creator = RunningPlatform.body(platform.json("POST", "/v1/creators", null, "{}"));
        String otherKey = creator.path("api_key").asText();
        JsonNode own = endpoint(platform.creator42Key(), "receipt.issued");
        Receipts.record(platform, "m"); // creator_42's receipt

        awaitDeliveries(platform.creator42Key(), own.path("endpoint_id").asText(), l -> allIn(l, "succeeded"));
        JsonNode othersEndpoint = endpoint(otherKey, "receipt.issued");
        Receipts.record(platform, "m2");
        awaitDeliveries(
                platform.creator42Key(), own.path("endpoint_id").asText(), l -> l.size() == 2 && allIn(l, "succeeded"));

        assertThat(deliveries(otherKey, othersEndpoint.path("endpoint_id").asText()))
                .isEmpty();
        assertError(
                platform.get(
                        "/v1/webhook-deliveries?endpoint_id="
                                + own.path("endpoint_id").asText(),
                        otherKey),
                404,
                "not_found");
    }

    @Test
    void settlementPayoutAndDispute_eventsDelivered() throws Exception {
        start(FAST, true);
        JsonNode endpoint = endpoint(platform.platformKey(), "settlement.completed", "payout.paid", "dispute.created");
        String receipt = Receipts.record(platform, "m").path("receipt_id").asText();
        Instant lastMonth = YearMonth.now(ZoneOffset.UTC)
                .atDay(1)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant()
                .minus(Duration.ofHours(1));
        platform.json(
                "POST", "/v1/usage-events", platform.hostKey(), Usage.batch("w", 1, "m", receipt, 50_000, lastMonth));
        platform.json(
                "POST",
                "/v1/settlements",
                platform.platformKey(),
                "{\"period\":\"" + YearMonth.now(ZoneOffset.UTC).minusMonths(1) + "\"}");
        platform.json(
                "POST",
                "/v1/disputes",
                platform.creator42Key(),
                "{\"receipt_id\":\"" + receipt + "\",\"reason\":\"check\"}");

        JsonNode log = awaitDeliveries(
                platform.platformKey(),
                endpoint.path("endpoint_id").asText(),
                l -> l.size() == 3 && allIn(l, "succeeded"));

        assertThat(log)
                .extracting(d -> d.path("event_type").asText())
                .containsExactlyInAnyOrder("settlement.completed", "payout.paid", "dispute.created");
    }

    @Test
    void create_badUrlsOrTypes_400() throws Exception {
        start(FAST, true);
        String platformKey = platform.platformKey();
        assertErrorField(
                platform.json(
                        "POST",
                        "/v1/webhook-endpoints",
                        platformKey,
                        "{\"url\":\"ftp://example.com/x\",\"event_types\":[\"receipt.issued\"]}"),
                400,
                "invalid_request",
                "url");
        assertErrorField(
                platform.json(
                        "POST",
                        "/v1/webhook-endpoints",
                        platformKey,
                        "{\"url\":\"" + receiver.url() + "\",\"event_types\":[\"everything\"]}"),
                400,
                "invalid_request",
                "event_types[0]");
        assertError(
                platform.json(
                        "POST",
                        "/v1/webhook-endpoints",
                        platform.hostKey(),
                        "{\"url\":\"" + receiver.url() + "\",\"event_types\":[\"receipt.issued\"]}"),
                403,
                "forbidden");
    }

    @Test
    void create_loopbackOutsideSandbox_refused() throws Exception {
        assertThat(new UrlGuard(UrlGuard.Targets.ANY).check(receiver.url()).getHost())
                .isEqualTo("127.0.0.1");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                        () -> new UrlGuard(UrlGuard.Targets.PUBLIC_ONLY).check(receiver.url())))
                .hasMessageContaining("private");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                        () -> new UrlGuard(UrlGuard.Targets.PUBLIC_ONLY).check("http://10.1.2.3/x")))
                .hasMessageContaining("private");
    }
}
