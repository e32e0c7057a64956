package com.royaltydesk.platform.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.royaltydesk.platform.PlatformConfig;
import com.royaltydesk.platform.testutil.Receipts;
import com.royaltydesk.platform.testutil.RunningPlatform;
import com.royaltydesk.verify.ReceiptStatus;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new sandbox with demo history (issue #16): read back through the API as the app and a verifier
 * would — a year that the platform's own rules made, every receipt of it verifiable today.
 */
class DemoHistoryHttpTest {

    // One history for the whole class: making it is most of each test's time. The tests read it;
    // the one price change they make is for a month to come, which no other test reads.
    @TempDir
    static Path dir;

    private static RunningPlatform platform;
    private final YearMonth thisMonth = YearMonth.now(ZoneOffset.UTC);

    @BeforeAll
    static void start() {
        platform = startWithHistory(dir.resolve("p"));
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static RunningPlatform startWithHistory(Path dataDir) {
        return RunningPlatform.start(
                new PlatformConfig(PlatformConfig.DEFAULT_HOST, 0, dataDir, null, true).withDemoHistory());
    }

    @Test
    void aYearOfHistory_fourPriceModels_threeModels_everyReceiptVerifiesToday() throws Exception {
        DemoHistory.Summary made = platform.server().demoHistory().orElseThrow();
        assertThat(made.first()).isEqualTo(thisMonth.minusMonths(12));
        assertThat(made.settlements()).isEqualTo(11);

        JsonNode assets = RunningPlatform.body(platform.get("/v1/assets?limit=100", platform.creator42Key()));
        Set<String> models = new HashSet<>();
        assets.path("assets").forEach(a -> models.add(a.at("/price_model/type").asText()));
        assertThat(models).containsExactlyInAnyOrder("per_use", "rev_share", "floor_plus", "subscription_bonus");

        JsonNode receipts = RunningPlatform.body(platform.get("/v1/receipts?limit=100", platform.creator42Key()));
        Set<String> trainedModels = new HashSet<>();
        Instant earliest = Instant.MAX;
        Path state = dir.resolve("verifier");
        for (JsonNode receipt : receipts.path("receipts")) {
            trainedModels.add(receipt.path("model_id").asText());
            Instant issued = Instant.parse(receipt.path("issued_at").asText());
            earliest = issued.isBefore(earliest) ? issued : earliest;
            String bundle = platform.get(
                            "/v1/receipts/" + receipt.path("receipt_id").asText() + "/bundle", platform.creator42Key())
                    .body();
            // The keys were made on the history's first day: their windows cover every receipt.
            assertThat(Receipts.bundles(platform, state).verify(bundle).status())
                    .as(receipt.path("receipt_id").asText())
                    .isIn(ReceiptStatus.VERIFIED, ReceiptStatus.SANDBOX);
        }
        assertThat(receipts.path("receipts").size()).isEqualTo(made.receipts()).isEqualTo(9);
        assertThat(trainedModels).containsExactlyInAnyOrder("atlas-7b", "lyra-13b", "orion-70b");
        assertThat(earliest)
                .isBefore(thisMonth.minusMonths(11).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));

        try (var connection = platform.openDatabaseConnection();
                var count = connection.createStatement().executeQuery("SELECT COUNT(*) FROM hosts")) {
            count.next();
            assertThat(count.getInt(1)).isEqualTo(2);
        }
    }

    @Test
    void elevenSettledMonths_oneFailedPayoutPaidWithTheNext_lastMonthLeftToSettle() throws Exception {
        JsonNode payouts = RunningPlatform.body(platform.get("/v1/payouts?limit=100", platform.creator42Key()));
        List<String> statuses = new ArrayList<>();
        List<JsonNode> all = new ArrayList<>();
        payouts.path("payouts").forEach(p -> {
            statuses.add(p.path("status").asText());
            all.add(p);
        });
        assertThat(statuses).hasSize(11).containsOnlyOnce("failed");
        assertThat(statuses.stream().filter("paid"::equals)).hasSize(10);

        // The failed month's money came back to the balance and went out with the next payout.
        JsonNode failed = all.stream()
                .filter(p -> p.path("status").asText().equals("failed"))
                .findFirst()
                .orElseThrow();
        YearMonth failedMonth = YearMonth.parse(failed.path("period").asText());
        JsonNode next = all.stream()
                .filter(p -> p.path("period")
                        .asText()
                        .equals(failedMonth.plusMonths(1).toString()))
                .findFirst()
                .orElseThrow();
        JsonNode nextMonthsEarnings = RunningPlatform.body(
                platform.get("/v1/usage-report?period=" + failedMonth.plusMonths(1), platform.creator42Key()));
        assertThat(new BigDecimal(next.path("amount").asText()))
                .isGreaterThan(new BigDecimal(failed.path("amount").asText()));
        assertThat(nextMonthsEarnings.path("period").asText())
                .isEqualTo(failedMonth.plusMonths(1).toString());

        // The last month is left for "Settle last month": settling it pays it now.
        YearMonth last = thisMonth.minusMonths(1);
        assertThat(statuses).hasSize(11);
        assertThat(all.stream().map(p -> p.path("period").asText())).doesNotContain(last.toString());
        var settled = platform.json(
                "POST",
                "/v1/settlements",
                platform.platformKey(),
                "{\"period\":\"" + last + "\",\"subscription_pool\":{\"amount\":900.00,\"currency\":\"USD\"}}");
        assertThat(settled.statusCode()).as(settled.body()).isEqualTo(201);
        JsonNode lastPayout = RunningPlatform.body(platform.get("/v1/payouts?period=" + last, platform.creator42Key()));
        assertThat(lastPayout.at("/payouts/0/status").asText()).isEqualTo("paid");
    }

    @Test
    void theCorrections_aVoidWithItsReason_aReleasedBurst_anOpenDispute() throws Exception {
        YearMonth voidMonth = thisMonth.minusMonths(12 - 7);
        JsonNode adjustments = RunningPlatform.body(
                platform.get("/v1/usage/adjustments?period=" + voidMonth, platform.creator42Key()));
        assertThat(adjustments.toString()).contains("voided at the host's request");

        YearMonth burstMonth = thisMonth.minusMonths(12 - 8);
        JsonNode report =
                RunningPlatform.body(platform.get("/v1/usage-report?period=" + burstMonth, platform.creator42Key()));
        assertThat(report.toString()).doesNotContain("\"held\":true");
        long tokens = 0;
        for (JsonNode line : report.path("line_items")) {
            tokens += line.path("tokens").asLong();
        }
        assertThat(tokens).as("the released burst counts").isGreaterThan(21 * 10_000_000L);

        try (var connection = platform.openDatabaseConnection();
                var disputes = connection.createStatement().executeQuery("SELECT status, reason FROM disputes")) {
            assertThat(disputes.next()).isTrue();
            assertThat(disputes.getString("status")).isEqualTo("open");
            assertThat(disputes.getString("reason")).contains("only the 2010-2020 issues");
            assertThat(disputes.next()).isFalse();
        }
    }

    @Test
    void monthlyEarnings_eachMonthIsItsDaysAddedUp_andTheWindowIsBounded() throws Exception {
        JsonNode monthly = RunningPlatform.body(platform.get(
                "/v1/earnings/monthly?from=" + thisMonth.minusMonths(12) + "&to=" + thisMonth + "&group_by=model",
                platform.creator42Key()));
        java.util.Map<String, BigDecimal> byMonth = new java.util.TreeMap<>();
        for (JsonNode series : monthly.path("series")) {
            for (JsonNode point : series.path("points")) {
                byMonth.merge(
                        point.path("period").asText(), point.path("amount").decimalValue(), BigDecimal::add);
            }
        }
        // The history lives every day before today: the 12 months before this one, and this one once
        // a day of it has passed (on the 1st it has none yet — CI ran on a 1st, stop 27).
        boolean thisMonthHasADay = java.time.LocalDate.now(ZoneOffset.UTC).getDayOfMonth() > 1;
        assertThat(byMonth).hasSize(thisMonthHasADay ? 13 : 12);
        assertThat(byMonth.containsKey(thisMonth.toString())).isEqualTo(thisMonthHasADay);
        for (String period : List.of(
                thisMonth.minusMonths(12).toString(), thisMonth.minusMonths(6).toString())) {
            JsonNode daily = RunningPlatform.body(
                    platform.get("/v1/earnings?period=" + period + "&group_by=model", platform.creator42Key()));
            BigDecimal days = BigDecimal.ZERO;
            for (JsonNode series : daily.path("series")) {
                for (JsonNode point : series.path("points")) {
                    days = days.add(point.path("amount").decimalValue());
                }
            }
            assertThat(byMonth.get(period)).as(period).isEqualByComparingTo(days);
        }
        var tooLong = platform.get(
                "/v1/earnings/monthly?from=" + thisMonth.minusMonths(24) + "&to=" + thisMonth, platform.creator42Key());
        assertThat(tooLong.statusCode()).isEqualTo(422);
        assertThat(tooLong.body()).contains("limit_exceeded").contains("at most 24 months");
    }

    @Test
    void priceRaisedFromAMonth_thatMonthOnAtTheNewRate_earlierMonthsKeepTheirs() throws Exception {
        YearMonth before = thisMonth.minusMonths(12 - DemoHistory.PRICE_RAISED_IN + 1);
        YearMonth raised = before.plusMonths(1);
        for (YearMonth month : List.of(before, raised)) {
            BigDecimal rate = month.equals(raised) ? DemoHistory.RAISED_RATE : new BigDecimal("0.0001");
            JsonNode report = RunningPlatform.body(
                    platform.get("/v1/usage-report?period=" + month + "&limit=500", platform.creator42Key()));
            int lines = 0;
            for (JsonNode line : report.path("line_items")) {
                if (line.path("asset_id").asText().equals("ds_sandbox_demo")) {
                    lines++;
                    assertThat(line.path("rate").decimalValue())
                            .as(month.toString())
                            .isEqualByComparingTo(rate);
                    assertThat(line.path("amount").decimalValue())
                            .isEqualByComparingTo(rate.multiply(
                                    BigDecimal.valueOf(line.path("tokens").asLong())));
                }
            }
            assertThat(lines).as(month.toString()).isPositive();
        }
        JsonNode prices =
                RunningPlatform.body(platform.get("/v1/assets/ds_sandbox_demo/price-changes", platform.creator42Key()));
        assertThat(prices.at("/changes/0/effective_from").asText()).isEqualTo(raised.toString());
        assertThat(prices.at("/price_model/rate").decimalValue()).isEqualByComparingTo("0.0001");
    }

    @Test
    void priceChange_onlyForAMonthToCome_inTheAssetsCurrency_byItsOwner() throws Exception {
        String price = "{\"type\":\"per_use\",\"rate\":0.00003}";
        String euros = "{\"type\":\"per_use\",\"rate\":0.00003,\"currency\":\"EUR\"}";
        YearMonth next = thisMonth.plusMonths(1);
        com.royaltydesk.platform.testutil.ErrorAssertions.assertError(
                priceChange(platform.creator42Key(), price, thisMonth), 400, "invalid_request");
        com.royaltydesk.platform.testutil.ErrorAssertions.assertError(
                priceChange(platform.creator42Key(), euros, next), 400, "invalid_request");
        com.royaltydesk.platform.testutil.ErrorAssertions.assertError(
                priceChange(platform.hostKey(), price, next), 403, "forbidden");
        var set = priceChange(platform.creator42Key(), price, next);
        assertThat(set.statusCode()).as(set.body()).isEqualTo(201);
        // This month's usage is still priced at the floor-plus rate in force now.
        JsonNode report = RunningPlatform.body(
                platform.get("/v1/usage-report?period=" + thisMonth + "&limit=500", platform.creator42Key()));
        for (JsonNode line : report.path("line_items")) {
            if (line.path("asset_id").asText().equals("ds_demo_news_archive")) {
                assertThat(line.path("price_model").asText()).isEqualTo("floor_plus");
            }
        }
    }

    /** A price change of the demo's news archive from {@code from}, asked with {@code key}. */
    private java.net.http.HttpResponse<String> priceChange(String key, String priceModel, YearMonth from)
            throws Exception {
        return platform.json(
                "POST",
                "/v1/assets/ds_demo_news_archive/price-changes",
                key,
                "{\"price_model\":" + priceModel + ",\"effective_from\":\"" + from + "\"}");
    }

    @Test
    void webhookDeliveries_theYearsEventsReachTheSandboxsOwnReceiver() throws Exception {
        JsonNode endpoints = RunningPlatform.body(platform.get("/v1/webhook-endpoints", platform.creator42Key()));
        assertThat(endpoints.at("/endpoints/0/url").asText())
                .isEqualTo(platform.baseUrl() + "/v1/sandbox/webhook-sink");
        String path = "/v1/webhook-deliveries?endpoint_id="
                + endpoints.at("/endpoints/0/endpoint_id").asText() + "&limit=100";
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        JsonNode deliveries;
        do {
            deliveries = RunningPlatform.body(platform.get(path, platform.creator42Key()));
            String text = deliveries.toString();
            if (text.contains("\"dispute.created\"") && !text.contains("\"pending\"")) {
                break;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        Set<String> types = new HashSet<>();
        deliveries.path("deliveries").forEach(d -> {
            if (d.path("status").asText().equals("succeeded")) {
                types.add(d.path("event_type").asText());
            }
        });
        assertThat(types)
                .as(deliveries.toString())
                .contains("payout.paid", "payout.failed", "dispute.created", "receipt.issued");
    }

    @Test
    void aSecondStart_makesNoSecondHistory(@TempDir Path own) throws Exception {
        // A history of its own: this test restarts its platform and adds a receipt.
        long receiptsBefore;
        try (RunningPlatform first = startWithHistory(own)) {
            receiptsBefore = first.checkpointJson().path("tree_size").asLong();
        }
        try (RunningPlatform again = startWithHistory(own)) {
            assertThat(again.server().demoHistory()).isEmpty();
            assertThat(again.checkpointJson().path("tree_size").asLong()).isEqualTo(receiptsBefore);
            // The clock is real again: a receipt made now is issued now.
            String receiptId =
                    Receipts.record(again, "after-history").path("receipt_id").asText();
            JsonNode now = RunningPlatform.body(again.get("/v1/receipts/" + receiptId, again.platformKey()));
            assertThat(Instant.parse(now.path("issued_at").asText()))
                    .isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(1, ChronoUnit.MINUTES));
        }
    }
}
