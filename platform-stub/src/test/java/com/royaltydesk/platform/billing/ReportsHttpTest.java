package com.royaltydesk.platform.billing;

import static com.royaltydesk.platform.testutil.ErrorAssertions.assertError;
import static com.royaltydesk.platform.testutil.ErrorAssertions.assertErrorField;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.royaltydesk.platform.testutil.Receipts;
import com.royaltydesk.platform.testutil.RunningPlatform;
import com.royaltydesk.platform.testutil.SandboxPlatformTest;
import com.royaltydesk.platform.testutil.Usage;
import com.royaltydesk.platform.usage.Periods;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reports read the rollups; creator_42's demo dataset pays 0.0001 USD per token. */
class ReportsHttpTest extends SandboxPlatformTest {

    private String period;

    @BeforeEach
    void prepare() {
        period = Periods.of(Instant.now());
    }

    private void ingest(String prefix, int count, String model, String receipt, long tokens) throws Exception {
        JsonNode result = RunningPlatform.body(platform.json(
                "POST",
                "/v1/usage-events",
                platform.hostKey(),
                Usage.batch(prefix, count, model, receipt, tokens, Instant.now())));
        assertThat(result.path("accepted").asInt()).as(result.toString()).isEqualTo(count);
    }

    private JsonNode report(String query) throws Exception {
        return RunningPlatform.body(platform.get("/v1/usage-report?period=" + period + query, platform.creator42Key()));
    }

    @Test
    void usageReport_seedExample_tokensTimesRateExactly() throws Exception {
        String receipt =
                Receipts.record(platform, "model_xyz").path("receipt_id").asText();
        ingest("seed", 2, "model_xyz", receipt, 7500);

        JsonNode report = report("");

        assertThat(report.path("creator_id").asText()).isEqualTo("creator_42");
        assertThat(report.path("line_items")).hasSize(1);
        JsonNode line = report.at("/line_items/0");
        assertThat(line.path("model_id").asText()).isEqualTo("model_xyz");
        assertThat(line.path("tokens").asLong()).isEqualTo(15000);
        assertThat(line.path("rate").decimalValue()).isEqualByComparingTo("0.0001");
        assertThat(line.path("amount").decimalValue()).isEqualByComparingTo("1.50");
        assertThat(line.path("receipt_refs")).extracting(JsonNode::asText).containsExactly(receipt);
        assertThat(report.path("total").decimalValue()).isEqualByComparingTo("1.50");
        assertThat(report.path("currency").asText()).isEqualTo("USD");
    }

    @Test
    void usageReport_subCentAmounts_stayExact() throws Exception {
        String receipt = Receipts.record(platform, "m").path("receipt_id").asText();
        ingest("tiny", 3, "m", receipt, 1);

        String raw = platform.get("/v1/usage-report?period=" + period, platform.creator42Key())
                .body();

        assertThat(raw).contains("\"total\":0.0003");
        assertThat(RunningPlatform.body(platform.get("/v1/usage-report?period=" + period, platform.creator42Key()))
                        .path("total")
                        .decimalValue())
                .isEqualByComparingTo("0.0003");
    }

    @Test
    void usageReport_manyLines_cursorWalksEachOnce() throws Exception {
        for (String model : new String[] {"m-a", "m-b", "m-c"}) {
            ingest(
                    model,
                    1,
                    model,
                    Receipts.record(platform, model).path("receipt_id").asText(),
                    10);
        }

        JsonNode first = report("&limit=2");
        JsonNode second = report("&limit=2&cursor=" + first.path("next_cursor").asText());

        assertThat(first.path("line_items"))
                .extracting(l -> l.path("model_id").asText())
                .containsExactly("m-a", "m-b");
        assertThat(second.path("line_items"))
                .extracting(l -> l.path("model_id").asText())
                .containsExactly("m-c");
        assertThat(second.path("next_cursor").isNull()).isTrue();
        assertThat(first.path("total").decimalValue()).isEqualByComparingTo("0.003");
    }

    @Test
    void usageReport_accessRules() throws Exception {
        String other = RunningPlatform.body(platform.json("POST", "/v1/creators", null, "{}"))
                .path("api_key")
                .asText();

        assertError(
                platform.get("/v1/usage-report?period=" + period + "&creator_id=creator_42", other), 404, "not_found");
        assertErrorField(
                platform.get("/v1/usage-report?period=" + period, platform.platformKey()),
                400,
                "invalid_request",
                "creator_id");
        assertErrorField(
                platform.get("/v1/usage-report?period=2026-13", platform.creator42Key()),
                400,
                "invalid_request",
                "period");
        assertThat(platform.get("/v1/usage-report?period=" + period + "&creator_id=creator_42", platform.platformKey())
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void billingPreview_openPeriod_exactAndRoundedHalfEvenByAssetAndDay() throws Exception {
        String receipt = Receipts.record(platform, "m").path("receipt_id").asText();
        ingest("p", 1, "m", receipt, 125); // 0.0125 USD

        JsonNode preview = RunningPlatform.body(platform.get("/v1/billing-preview", platform.creator42Key()));

        assertThat(preview.path("period").asText()).isEqualTo(period);
        assertThat(preview.path("total").decimalValue()).isEqualByComparingTo("0.0125");
        assertThat(preview.path("total_rounded").toString()).isEqualTo("0.01");
        assertThat(preview.at("/by_asset/0/asset_id").asText()).isEqualTo("ds_sandbox_demo");
        assertThat(preview.at("/by_day/0/amount").decimalValue()).isEqualByComparingTo("0.0125");
    }

    @Test
    void earnings_byModel_oneSeriesPerModelWithDailyPoints() throws Exception {
        ingest(
                "ea",
                2,
                "m-1",
                Receipts.record(platform, "m-1").path("receipt_id").asText(),
                1000);
        ingest(
                "eb",
                1,
                "m-2",
                Receipts.record(platform, "m-2").path("receipt_id").asText(),
                500);

        JsonNode byModel = RunningPlatform.body(platform.get("/v1/earnings?group_by=model", platform.creator42Key()));
        JsonNode byAsset = RunningPlatform.body(platform.get("/v1/earnings", platform.creator42Key()));

        assertThat(byModel.path("series"))
                .extracting(s -> s.path("key").asText())
                .containsExactly("m-1", "m-2");
        assertThat(byModel.at("/series/0/points/0/amount").decimalValue()).isEqualByComparingTo("0.2");
        assertThat(byAsset.path("series")).hasSize(1);
        assertThat(byAsset.at("/series/0/label").asText()).isEqualTo("Sandbox demo dataset");
        assertThat(byAsset.at("/series/0/points/0/amount").decimalValue()).isEqualByComparingTo("0.25");
        assertErrorField(
                platform.get("/v1/earnings?group_by=day", platform.creator42Key()), 400, "invalid_request", "group_by");
    }

    @Test
    void void_acceptedEvent_adjustmentLineAndLowerTotal() throws Exception {
        String receipt = Receipts.record(platform, "m").path("receipt_id").asText();
        ingest("v", 2, "m", receipt, 1000); // 0.1 each

        var voided = platform.json(
                "POST",
                "/v1/usage-events/void",
                platform.platformKey(),
                "{\"host_id\":\"host_sandbox\",\"event_id\":\"v-0\",\"reason\":\"duplicate report from host\"}");
        JsonNode report = report("");

        assertThat(voided.statusCode()).as(voided.body()).isEqualTo(201);
        assertThat(report.path("line_items").get(0).path("amount").decimalValue())
                .isEqualByComparingTo("0.2");
        assertThat(report.path("adjustments")).hasSize(1);
        assertThat(report.at("/adjustments/0/amount").decimalValue()).isEqualByComparingTo("-0.1");
        assertThat(report.at("/adjustments/0/reason").asText()).isEqualTo("duplicate report from host");
        // Who sent it, what it used and when: its batch's, its receipt's and its time's (V17).
        JsonNode line = report.at("/adjustments/0");
        assertThat(List.of(
                        line.path("event_id").asText(),
                        line.path("host_id").asText(),
                        line.path("asset_id").asText(),
                        line.path("model_id").asText(),
                        line.path("original_period").asText()))
                .containsExactly("v-0", "host_sandbox", "ds_sandbox_demo", "m", period);
        assertThat(report.path("total").decimalValue()).isEqualByComparingTo("0.1");
    }

    @Test
    void void_moreThanAThousand_totalCountsEveryOneAndTheListIsPaged() throws Exception {
        String receipt = Receipts.record(platform, "m").path("receipt_id").asText();
        ingest("many", 1000, "m", receipt, 1000); // 0.1 each
        ingest("more", 1, "m", receipt, 1000);
        List<String> voided = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            String eventId = i < 1000 ? "many-" + i : "more-0";
            var response = platform.json(
                    "POST",
                    "/v1/usage-events/void",
                    platform.platformKey(),
                    "{\"host_id\":\"host_sandbox\",\"event_id\":\"" + eventId + "\",\"reason\":\"test\"}");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            voided.add(eventId);
        }

        JsonNode report = report("");

        // Every void is in the total (it was summed from the first 1,000 once).
        assertThat(report.path("total").decimalValue()).isEqualByComparingTo("0");
        assertThat(report.path("adjustment_count").asLong()).isEqualTo(1001);
        assertThat(report.path("adjustments")).hasSize(100);
        List<String> seen = new ArrayList<>();
        report.path("adjustments").forEach(a -> seen.add(a.path("event_id").asText()));
        String cursor = report.path("adjustments_next_cursor").asText(null);
        while (cursor != null) {
            JsonNode page = RunningPlatform.body(platform.get(
                    "/v1/usage/adjustments?limit=300&period=" + period + "&cursor=" + cursor, platform.creator42Key()));
            page.path("adjustments").forEach(a -> seen.add(a.path("event_id").asText()));
            cursor = page.path("next_cursor").asText(null);
        }
        assertThat(seen).hasSize(1001).containsExactlyInAnyOrderElementsOf(voided);
    }

    @Test
    void void_twiceOrUnknownOrNotPlatform_refused() throws Exception {
        String receipt = Receipts.record(platform, "m").path("receipt_id").asText();
        ingest("w", 1, "m", receipt, 10);
        String body = "{\"host_id\":\"host_sandbox\",\"event_id\":\"w-0\",\"reason\":\"test\"}";
        platform.json("POST", "/v1/usage-events/void", platform.platformKey(), body);

        assertError(platform.json("POST", "/v1/usage-events/void", platform.platformKey(), body), 409, "not_voidable");
        assertError(
                platform.json("POST", "/v1/usage-events/void", platform.platformKey(), body.replace("w-0", "nope")),
                404,
                "not_found");
        assertError(platform.json("POST", "/v1/usage-events/void", platform.hostKey(), body), 403, "forbidden");
    }

    @Test
    void revShare_revenueTimesShare() throws Exception {
        Receipts.CreatorReceipt rs =
                Receipts.forNewCreator(platform, "rs", "{\"type\":\"rev_share\",\"share\":0.20}", "m-rs");
        String key = rs.creatorKey();
        String receipt = rs.receiptId();
        ArrayNode events = RunningPlatform.JSON.createArrayNode();
        events.add(Usage.event("r1", "m-rs", receipt, 10, Instant.now()).put("revenue", 2.50));
        events.add(Usage.event("r2", "m-rs", receipt, 10, Instant.now()).put("revenue", 0.05));
        platform.json("POST", "/v1/usage-events", platform.hostKey(), Usage.wrap(events));

        JsonNode report = RunningPlatform.body(platform.get("/v1/usage-report?period=" + period, key));

        assertThat(report.path("total").decimalValue()).isEqualByComparingTo("0.51");
        assertThat(report.at("/line_items/0/rate").decimalValue()).isEqualByComparingTo("0.2");
    }
}
