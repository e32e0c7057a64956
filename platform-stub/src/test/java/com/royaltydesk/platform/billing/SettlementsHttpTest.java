package com.royaltydesk.platform.billing;

import static com.royaltydesk.platform.testutil.ErrorAssertions.assertError;
import static com.royaltydesk.platform.testutil.ErrorAssertions.assertErrorField;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.royaltydesk.platform.testutil.Receipts;
import com.royaltydesk.platform.testutil.RunningPlatform;
import com.royaltydesk.platform.testutil.SandboxPlatformTest;
import com.royaltydesk.platform.testutil.Usage;
import com.royaltydesk.platform.usage.Periods;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Settling last month against the real server; creator_42's demo dataset pays 0.0001 USD per token. */
class SettlementsHttpTest extends SandboxPlatformTest {

    private String lastMonth;
    private Instant inLastMonth;
    private String receipt;

    @BeforeEach
    void prepare() throws Exception {
        YearMonth current = YearMonth.now(ZoneOffset.UTC);
        lastMonth = current.minusMonths(1).toString();
        // The last hour of last month: settled-able, and always younger than the 35-day limit.
        inLastMonth = current.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().minus(Duration.ofHours(1));
        receipt = Receipts.record(platform, "m").path("receipt_id").asText();
    }

    private JsonNode ingest(String prefix, int count, String model, String receiptId, long tokens, Instant at)
            throws Exception {
        return RunningPlatform.body(platform.json(
                "POST",
                "/v1/usage-events",
                platform.hostKey(),
                Usage.batch(prefix, count, model, receiptId, tokens, at)));
    }

    private java.net.http.HttpResponse<String> settle() throws Exception {
        return platform.json("POST", "/v1/settlements", platform.platformKey(), "{\"period\":\"" + lastMonth + "\"}");
    }

    @Test
    void settle_lastMonth_paysRoundedHalfEvenCarriesTheRestAndStatementTraces() throws Exception {
        ingest("s", 1, "m", receipt, 12_345, inLastMonth); // 1.2345 USD

        var response = settle();
        JsonNode settlement = RunningPlatform.body(response);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode payout = settlement.at("/payouts/0");
        assertThat(payout.path("creator_id").asText()).isEqualTo("creator_42");
        assertThat(payout.path("amount").decimalValue()).isEqualByComparingTo("1.23");
        assertThat(payout.path("status").asText()).isEqualTo("paid");
        assertThat(payout.path("tx_ref").asText()).startsWith("tx_");

        JsonNode statement = RunningPlatform.body(
                        platform.get("/v1/statements?period=" + lastMonth, platform.creator42Key()))
                .at("/statements/0");
        assertThat(statement.path("paid").decimalValue()).isEqualByComparingTo("1.23");
        assertThat(statement.path("carried").decimalValue()).isEqualByComparingTo("0.0045");
        assertThat(statement.path("carry_reason").asText()).isEqualTo("rounding");
        JsonNode usage = statement.at("/lines/0");
        assertThat(usage.path("kind").asText()).isEqualTo("usage");
        assertThat(usage.path("asset_id").asText()).isEqualTo("ds_sandbox_demo");
        assertThat(usage.path("receipt_ids")).extracting(JsonNode::asText).containsExactly(receipt);
        assertThat(usage.path("events").asLong()).isEqualTo(1);
        assertThat(usage.path("amount").decimalValue()).isEqualByComparingTo("1.2345");
        assertThat(statement.path("digest").asText()).isEqualTo(recomputeDigest(statement.path("lines")));
    }

    @Test
    void statement_moreReceiptsThanALineShows_pagedNamedAndAllInTheDigestAndCsv() throws Exception {
        List<String> receipts = new ArrayList<>(List.of(receipt));
        for (int i = 0; i < 100; i++) {
            receipts.add(Receipts.record(platform, "m").path("receipt_id").asText());
        }
        var events = RunningPlatform.JSON.createArrayNode();
        for (int i = 0; i < receipts.size(); i++) {
            events.add(Usage.event("many-" + i, "m", receipts.get(i), 10_000, inLastMonth));
        }
        assertThat(platform.json("POST", "/v1/usage-events", platform.hostKey(), Usage.wrap(events))
                        .statusCode())
                .isEqualTo(200);
        settle();
        String key = platform.creator42Key();

        // One line per page: the usage line first, naming 100 of its 101 receipts and the count.
        JsonNode first = RunningPlatform.body(platform.get("/v1/statements?limit=1&period=" + lastMonth, key))
                .at("/statements/0");
        JsonNode usage = first.at("/lines/0");
        assertThat(first.path("lines")).hasSize(1);
        assertThat(usage.path("receipt_ids")).hasSize(100);
        assertThat(usage.path("receipt_count").asLong()).isEqualTo(101);
        long lineCount = first.path("line_count").asLong();
        assertThat(lineCount).isGreaterThan(1);

        List<JsonNode> lines = new ArrayList<>(List.of(usage));
        String cursor = first.path("lines_next_cursor").asText(null);
        while (cursor != null) {
            JsonNode page = RunningPlatform.body(
                            platform.get("/v1/statements?limit=1&period=" + lastMonth + "&cursor=" + cursor, key))
                    .path("statements");
            assertThat(page).hasSize(1);
            page.get(0).path("lines").forEach(lines::add);
            cursor = page.get(0).path("lines_next_cursor").asText(null);
        }
        assertThat(lines).hasSize((int) lineCount);

        // Every receipt behind the line, paged by GET /v1/usage/receipts.
        List<String> all = new ArrayList<>();
        String receiptsCursor = "";
        do {
            JsonNode page = RunningPlatform.body(platform.get(
                    "/v1/usage/receipts?limit=40&period=" + lastMonth + "&asset_id=ds_sandbox_demo&model_id=m&cursor="
                            + receiptsCursor,
                    key));
            page.path("receipt_ids").forEach(r -> all.add(r.asText()));
            receiptsCursor = page.path("next_cursor").asText(null);
        } while (receiptsCursor != null);
        assertThat(all)
                .hasSize(101)
                .containsExactlyInAnyOrderElementsOf(receipts)
                .isSorted();

        // The digest is over every line with every receipt, not over what one page shows.
        var full = RunningPlatform.JSON.createArrayNode();
        for (JsonNode line : lines) {
            var copy = line.deepCopy();
            if (line.path("kind").asText().equals("usage")) {
                var ids = ((com.fasterxml.jackson.databind.node.ObjectNode) copy).putArray("receipt_ids");
                all.forEach(ids::add);
            }
            full.add(copy);
        }
        assertThat(first.path("digest").asText()).isEqualTo(recomputeDigest(full));
        String csv = platform.get("/v1/statements?format=csv&period=" + lastMonth, key)
                .body();
        assertThat(csv)
                .contains(String.join(" ", all))
                .contains("USD,digest,,,,,,," + first.path("digest").asText());
    }

    @Test
    void statement_cursorNotGivenOut_400() throws Exception {
        ingest("bad", 1, "m", receipt, 1, inLastMonth);
        settle();
        for (String cursor : List.of("nonsense", "azE6LTE6VVNE", "YzE6NQ")) {
            assertErrorField(
                    platform.get("/v1/statements?period=" + lastMonth + "&cursor=" + cursor, platform.creator42Key()),
                    400,
                    "invalid_request",
                    "cursor");
        }
    }

    /** The digest, recomputed from the documented canonical form, independently of the platform's code. */
    private static String recomputeDigest(JsonNode lines) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (JsonNode line : lines) {
            List<String> receipts = new ArrayList<>();
            line.path("receipt_ids").forEach(r -> receipts.add(r.asText()));
            BigDecimal amount = line.path("amount").decimalValue().stripTrailingZeros();
            String text = String.join(
                            "|",
                            line.path("kind").asText(),
                            text(line, "asset_id"),
                            text(line, "model_id"),
                            String.join(",", receipts),
                            line.path("events").asText(),
                            line.path("tokens").asText(),
                            amount.signum() == 0 ? "0" : amount.toPlainString(),
                            line.path("currency").asText(),
                            text(line, "ref"))
                    + "\n";
            sha.update(text.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).isNull() || node.path(field).isMissingNode()
                ? ""
                : node.path(field).asText();
    }

    @Test
    void statement_csv_hasTheLinesAndTheSameDigest() throws Exception {
        ingest("csv", 2, "m", receipt, 50_000, inLastMonth);
        settle();
        String digest = RunningPlatform.body(
                        platform.get("/v1/statements?period=" + lastMonth, platform.creator42Key()))
                .at("/statements/0/digest")
                .asText();

        var csv = platform.get("/v1/statements?format=csv&period=" + lastMonth, platform.creator42Key());

        assertThat(csv.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(csv.body())
                .startsWith("currency,kind,asset_id")
                .contains("USD,usage,ds_sandbox_demo,m," + receipt + ",2,100000,10,")
                .contains("USD,digest,,,,,,," + digest);
    }

    @Test
    void settle_again_sameSettlementAndNothingPaidTwice() throws Exception {
        ingest("i", 1, "m", receipt, 20_000, inLastMonth);
        String first = RunningPlatform.body(settle()).path("settlement_id").asText();

        var again = settle();

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(RunningPlatform.body(again).path("settlement_id").asText()).isEqualTo(first);
        assertThat(RunningPlatform.body(platform.get("/v1/payouts", platform.creator42Key()))
                        .path("payouts"))
                .hasSize(1);
    }

    @Test
    void settle_concurrently_runsOnce() throws Exception {
        ingest("cc", 1, "m", receipt, 20_000, inLastMonth);

        var a = CompletableFuture.supplyAsync(() -> call(this::settle));
        var b = CompletableFuture.supplyAsync(() -> call(this::settle));
        JsonNode first = RunningPlatform.body(a.get());
        JsonNode second = RunningPlatform.body(b.get());

        assertThat(first.path("settlement_id").asText())
                .isEqualTo(second.path("settlement_id").asText());
        assertThat(List.of(a.get().statusCode(), b.get().statusCode())).containsExactlyInAnyOrder(200, 201);
        assertThat(RunningPlatform.body(platform.get("/v1/payouts", platform.creator42Key()))
                        .path("payouts"))
                .hasSize(1);
    }

    @Test
    void settledPeriod_lateEvent_rejectedPeriodClosed() throws Exception {
        ingest("before", 1, "m", receipt, 10, inLastMonth);
        settle();

        JsonNode late = ingest("late", 1, "m", receipt, 10, inLastMonth.minusSeconds(60));

        assertThat(late.path("accepted").asInt()).isZero();
        assertThat(late.at("/rejected/0/code").asText()).isEqualTo("period_closed");
    }

    @Test
    void settle_aPeriodBeforeTheFirstRecordedUsage_400AndNothingSettled() throws Exception {
        assertErrorField(
                platform.json("POST", "/v1/settlements", platform.platformKey(), "{\"period\":\"1999-01\"}"),
                400,
                "invalid_request",
                "period");
        try (var connection = platform.openDatabaseConnection();
                var row = connection.createStatement().executeQuery("SELECT COUNT(*) FROM settlements")) {
            row.next();
            assertThat(row.getLong(1)).isZero();
        }
    }

    @Test
    void settle_openOrBadPeriod_400() throws Exception {
        String current = Periods.of(Instant.now());
        assertErrorField(
                platform.json("POST", "/v1/settlements", platform.platformKey(), "{\"period\":\"" + current + "\"}"),
                400,
                "invalid_request",
                "period");
        assertErrorField(
                platform.json("POST", "/v1/settlements", platform.platformKey(), "{\"period\":\"June\"}"),
                400,
                "invalid_request",
                "period");
        assertError(
                platform.json("POST", "/v1/settlements", platform.creator42Key(), "{\"period\":\"" + lastMonth + "\"}"),
                403,
                "forbidden");
    }

    @Test
    void underThreshold_notPaidHeldAsUnderThreshold() throws Exception {
        ingest("small", 1, "m", receipt, 5_000, inLastMonth); // 0.50 < 1.00

        JsonNode settlement = RunningPlatform.body(settle());
        JsonNode balance = RunningPlatform.body(platform.get("/v1/balances", platform.creator42Key()))
                .at("/balances/0");

        assertThat(settlement.path("payouts")).isEmpty();
        assertThat(balance.path("available").decimalValue()).isZero();
        assertThat(balance.at("/held/0/reason").asText()).isEqualTo("under_threshold");
        assertThat(balance.at("/held/0/amount").decimalValue()).isEqualByComparingTo("0.5");
    }

    @Test
    void sandboxFailure_payoutFailedAndMoneyBackOnTheBalance() throws Exception {
        ingest("f", 1, "m", receipt, 30_000, inLastMonth); // 3.00
        platform.json("POST", "/v1/sandbox/payout-failures", platform.platformKey(), "{\"creator_id\":\"creator_42\"}");

        JsonNode payout = RunningPlatform.body(settle()).at("/payouts/0");
        JsonNode balance = RunningPlatform.body(platform.get("/v1/balances", platform.creator42Key()))
                .at("/balances/0");

        assertThat(payout.path("status").asText()).isEqualTo("failed");
        assertThat(payout.path("failure_reason").asText()).isNotBlank();
        assertThat(balance.path("available").decimalValue()).isEqualByComparingTo("3");
    }

    @Test
    void dispute_heldOutOfPayoutThenReleased() throws Exception {
        ingest("d", 1, "m", receipt, 40_000, inLastMonth); // 4.00
        var opened = platform.json(
                "POST",
                "/v1/disputes",
                platform.creator42Key(),
                "{\"receipt_id\":\"" + receipt + "\",\"reason\":\"usage under-reported\"}");
        String disputeId = RunningPlatform.body(opened).path("dispute_id").asText();

        JsonNode settlement = RunningPlatform.body(settle());
        JsonNode held = RunningPlatform.body(platform.get("/v1/balances", platform.creator42Key()))
                .at("/balances/0");
        var resolved = platform.json(
                "POST", "/v1/disputes/" + disputeId + "/resolve", platform.platformKey(), "{\"outcome\":\"release\"}");
        JsonNode after = RunningPlatform.body(platform.get("/v1/balances", platform.creator42Key()))
                .at("/balances/0");

        assertThat(opened.statusCode()).isEqualTo(201);
        assertThat(settlement.path("payouts")).isEmpty();
        assertThat(held.path("held")).anySatisfy(h -> {
            assertThat(h.path("reason").asText()).isEqualTo("disputed");
            assertThat(h.path("amount").decimalValue()).isEqualByComparingTo("4");
        });
        assertThat(RunningPlatform.body(resolved).path("held_amount").decimalValue())
                .isEqualByComparingTo("4");
        assertThat(after.path("available").decimalValue()).isEqualByComparingTo("4");
        assertError(
                platform.json(
                        "POST",
                        "/v1/disputes/" + disputeId + "/resolve",
                        platform.platformKey(),
                        "{\"outcome\":\"release\"}"),
                409,
                "dispute_resolved");
    }

    @Test
    void disputes_listed_ownOnly_withStatusAndHeldAmount_paged() throws Exception {
        ingest("dl", 1, "m", receipt, 40_000, inLastMonth); // 4.00
        String second = RunningPlatform.body(platform.json(
                        "POST",
                        "/v1/proof-of-training",
                        platform.platformKey(),
                        com.royaltydesk.platform.testutil.Receipts.proofJson("ds_sandbox_demo", "creator_42", "m2")))
                .path("receipt_id")
                .asText();
        for (String r : List.of(receipt, second)) {
            platform.json(
                    "POST",
                    "/v1/disputes",
                    platform.creator42Key(),
                    "{\"receipt_id\":\"" + r + "\",\"reason\":\"check " + r + "\"}");
        }
        settle();

        JsonNode first = RunningPlatform.body(platform.get("/v1/disputes?limit=1", platform.creator42Key()));
        JsonNode rest = RunningPlatform.body(platform.get(
                "/v1/disputes?limit=1&cursor=" + first.path("next_cursor").asText(), platform.creator42Key()));
        List<JsonNode> all = new java.util.ArrayList<>();
        first.path("disputes").forEach(all::add);
        rest.path("disputes").forEach(all::add);

        assertThat(all).hasSize(2);
        assertThat(rest.path("next_cursor").isNull()).isTrue();
        assertThat(all).allSatisfy(d -> assertThat(d.path("status").asText()).isEqualTo("open"));
        assertThat(all.stream().map(d -> d.path("receipt_id").asText())).containsExactlyInAnyOrder(receipt, second);
        assertThat(all.stream()
                        .map(d -> d.path("held_amount").decimalValue())
                        .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add))
                .isEqualByComparingTo("4");
        // Another creator sees none of them; a platform key must say whose.
        var other = com.royaltydesk.platform.testutil.Receipts.forNewCreator(
                platform, "other-disputes", "{\"type\":\"per_use\",\"rate\":0.0001}", "m3");
        assertThat(RunningPlatform.body(platform.get("/v1/disputes", other.creatorKey()))
                        .path("disputes"))
                .isEmpty();
        assertError(platform.get("/v1/disputes", platform.platformKey()), 400, "invalid_request");
        assertThat(RunningPlatform.body(platform.get("/v1/disputes?creator_id=creator_42", platform.platformKey()))
                        .path("disputes"))
                .hasSize(2);
    }

    @Test
    void dispute_secondOpenDisputeOnTheSameReceipt_409AndTheMoneyHeldOnce() throws Exception {
        ingest("dd", 1, "m", receipt, 40_000, inLastMonth); // 4.00
        String body = "{\"receipt_id\":\"" + receipt + "\",\"reason\":\"check\"}";
        var first = platform.json("POST", "/v1/disputes", platform.creator42Key(), body);

        assertError(platform.json("POST", "/v1/disputes", platform.creator42Key(), body), 409, "dispute_already_open");
        settle();
        JsonNode balance = RunningPlatform.body(platform.get("/v1/balances", platform.creator42Key()))
                .at("/balances/0");
        assertThat(first.statusCode()).isEqualTo(201);
        java.math.BigDecimal held = java.math.BigDecimal.ZERO;
        for (JsonNode h : balance.path("held")) {
            held = held.add(h.path("amount").decimalValue());
        }
        assertThat(held).isEqualByComparingTo("4");
    }

    @Test
    void dispute_resolvedWhileTheSettlementRuns_nothingHeldForever() throws Exception {
        ingest("race", 1, "m", receipt, 40_000, inLastMonth); // 4.00
        String disputeId = RunningPlatform.body(platform.json(
                        "POST",
                        "/v1/disputes",
                        platform.creator42Key(),
                        "{\"receipt_id\":\"" + receipt + "\",\"reason\":\"race\"}"))
                .path("dispute_id")
                .asText();
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var settled = pool.submit(() -> {
                start.await();
                return settle();
            });
            var resolved = pool.submit(() -> {
                start.await();
                return platform.json(
                        "POST",
                        "/v1/disputes/" + disputeId + "/resolve",
                        platform.platformKey(),
                        "{\"outcome\":\"release\"}");
            });
            assertThat(settled.get().statusCode()).isEqualTo(201);
            assertThat(resolved.get().statusCode()).isEqualTo(200);
        } finally {
            pool.shutdownNow();
        }

        JsonNode balance = RunningPlatform.body(platform.get("/v1/balances", platform.creator42Key()))
                .at("/balances/0");
        assertThat(balance.path("held")).as(balance.toString()).isEmpty();
        // Whichever came first, the 4.00 was either never held or held and released: paid or available.
        java.math.BigDecimal paid = java.math.BigDecimal.ZERO;
        for (JsonNode p : RunningPlatform.body(platform.get("/v1/payouts", platform.creator42Key()))
                .path("payouts")) {
            paid = paid.add(p.path("amount").decimalValue());
        }
        assertThat(paid.add(balance.path("available").decimalValue())).isEqualByComparingTo("4");
    }

    @Test
    void payouts_pagedWithACursor_nothingCutOffSilently() throws Exception {
        for (int c = 0; c < 3; c++) {
            JsonNode creator = RunningPlatform.body(platform.json("POST", "/v1/creators", null, "{}"));
            String r = receiptFor(
                    creator.path("api_key").asText(),
                    creator.path("creator_id").asText(),
                    "paged" + c,
                    "{\"type\":\"per_use\",\"rate\":0.01}",
                    "m");
            ingest("pg" + c, 1, "m", r, 1_000, inLastMonth); // 10.00 each
        }
        settle();
        String period = YearMonth.from(inLastMonth.atZone(ZoneOffset.UTC)).toString();

        java.util.Set<String> seen = new java.util.HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = RunningPlatform.body(platform.get(
                    "/v1/payouts?period=" + period + "&limit=1" + (cursor == null ? "" : "&cursor=" + cursor),
                    platform.platformKey()));
            assertThat(page.path("payouts")).hasSize(1);
            seen.add(page.path("payouts").get(0).path("payout_id").asText());
            cursor = page.path("next_cursor").isNull()
                    ? null
                    : page.path("next_cursor").asText();
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(seen).hasSize(3);
        assertThat(pages).isEqualTo(3);
        assertErrorField(
                platform.get("/v1/payouts?limit=1001", platform.platformKey()), 400, "invalid_request", "limit");
        assertErrorField(
                platform.get("/v1/payouts?cursor=nope", platform.platformKey()), 400, "invalid_request", "cursor");
    }

    @Test
    void dispute_otherCreatorsReceipt_refused() throws Exception {
        String other = RunningPlatform.body(platform.json("POST", "/v1/creators", null, "{}"))
                .path("api_key")
                .asText();

        assertErrorField(
                platform.json("POST", "/v1/disputes", other, "{\"receipt_id\":\"" + receipt + "\",\"reason\":\"x\"}"),
                400,
                "invalid_request",
                "receipt_id");
    }

    @Test
    void floorPlusAndSubscriptionPool_toppedUpAndSplitByUsage() throws Exception {
        JsonNode creator = RunningPlatform.body(platform.json("POST", "/v1/creators", null, "{}"));
        String key = creator.path("api_key").asText();
        String creatorId = creator.path("creator_id").asText();
        String floorReceipt = receiptFor(
                key, creatorId, "floor", "{\"type\":\"floor_plus\",\"monthly_floor\":5,\"rate\":0.0001}", "m-f");
        String bonusA = receiptFor(key, creatorId, "bonus-a", "{\"type\":\"subscription_bonus\"}", "m-a");
        String bonusB = receiptFor(key, creatorId, "bonus-b", "{\"type\":\"subscription_bonus\",\"weight\":2}", "m-b");
        ingest("fl", 1, "m-f", floorReceipt, 1000, inLastMonth); // 0.1 earned, floor 5
        ingest("ba", 1, "m-a", bonusA, 300, inLastMonth); // 300 units
        ingest("bb", 1, "m-b", bonusB, 50, inLastMonth); // 100 units

        platform.json(
                "POST",
                "/v1/settlements",
                platform.platformKey(),
                "{\"period\":\"" + lastMonth + "\",\"subscription_pool\":{\"amount\":10,\"currency\":\"USD\"}}");
        JsonNode statement = RunningPlatform.body(platform.get("/v1/statements?period=" + lastMonth, key))
                .at("/statements/0");

        List<String> kinds = new ArrayList<>();
        statement
                .path("lines")
                .forEach(l -> kinds.add(l.path("kind").asText() + ":"
                        + l.path("amount").decimalValue().stripTrailingZeros().toPlainString()));
        assertThat(kinds).contains("floor_topup:4.9", "subscription_bonus:7.5", "subscription_bonus:2.5", "payout:-15");
        assertThat(statement.path("paid").decimalValue()).isEqualByComparingTo("15");
    }

    private String receiptFor(String key, String creatorId, String seed, String priceModel, String model)
            throws Exception {
        return Receipts.recordForNewAsset(platform, key, creatorId, seed, priceModel, model);
    }

    /** End to end: random usage for several creators; payouts plus carries equal the exact usage. */
    @Test
    void randomUsage_paidPlusCarriedEqualsExactUsage() throws Exception {
        Random random = new Random(42);
        BigDecimal expected = BigDecimal.ZERO;
        for (int c = 0; c < 3; c++) {
            JsonNode creator = RunningPlatform.body(platform.json("POST", "/v1/creators", null, "{}"));
            BigDecimal rate = BigDecimal.valueOf(1 + random.nextInt(9999), 7);
            String r = receiptFor(
                    creator.path("api_key").asText(),
                    creator.path("creator_id").asText(),
                    "rnd" + c,
                    "{\"type\":\"per_use\",\"rate\":" + rate.toPlainString() + "}",
                    "model-" + c);
            for (int b = 0; b < 3; b++) {
                long tokens = 1 + random.nextInt(400_000);
                int count = 1 + random.nextInt(20);
                ingest("r" + c + "-" + b, count, "model-" + c, r, tokens, inLastMonth);
                expected = expected.add(rate.multiply(BigDecimal.valueOf(tokens * count)));
            }
        }
        settle();

        BigDecimal paid = BigDecimal.ZERO;
        BigDecimal carried = BigDecimal.ZERO;
        JsonNode payouts = RunningPlatform.body(platform.get("/v1/payouts?period=" + lastMonth, platform.platformKey()))
                .path("payouts");
        for (JsonNode payout : payouts) {
            paid = paid.add(payout.path("amount").decimalValue());
            JsonNode statement = RunningPlatform.body(platform.get(
                    "/v1/statements?period=" + lastMonth + "&creator_id="
                            + payout.path("creator_id").asText(),
                    platform.platformKey()));
            carried = carried.add(statement.at("/statements/0/carried").decimalValue());
        }
        assertThat(payouts).hasSize(3);
        assertThat(paid.add(carried)).isEqualByComparingTo(expected);
    }

    private static <T> T call(java.util.concurrent.Callable<T> callable) {
        try {
            return callable.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
