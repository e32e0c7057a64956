package com.royaltydesk.platform.billing;

import static com.royaltydesk.platform.testutil.ErrorAssertions.assertErrorField;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.royaltydesk.platform.PlatformConfig;
import com.royaltydesk.platform.assets.MoneyBounds;
import com.royaltydesk.platform.testutil.Fixtures;
import com.royaltydesk.platform.testutil.Receipts;
import com.royaltydesk.platform.testutil.RunningPlatform;
import com.royaltydesk.platform.testutil.Usage;
import com.royaltydesk.platform.usage.UsageLimits;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every money input has a documented maximum (assets.MoneyBounds, SPEC §3): one past it is a 400
 * naming the field, and the largest allowed values go through ingestion, rollups, settlement and
 * statements with exact sums and no 5xx.
 */
class MoneyBoundsHttpTest {

    /** The anti-fraud caps raised to the money bounds, so only the bounds are under test. */
    private static final UsageLimits WIDE = new UsageLimits(
            1000,
            MoneyBounds.MAX_TOKENS,
            Duration.ofMinutes(5),
            Duration.ofDays(35),
            500,
            Long.MAX_VALUE,
            Long.MAX_VALUE);

    @TempDir
    Path dataDir;

    private RunningPlatform platform;
    private String creatorId;
    private String creatorKey;

    @BeforeEach
    void start() throws Exception {
        platform = RunningPlatform.start(
                new PlatformConfig(PlatformConfig.DEFAULT_HOST, 0, dataDir, null, true).withUsageLimits(WIDE));
        JsonNode creator = RunningPlatform.body(platform.json("POST", "/v1/creators", null, "{}"));
        creatorId = creator.path("creator_id").asText();
        creatorKey = creator.path("api_key").asText();
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    private HttpResponse<String> registerPriced(String priceModel) throws Exception {
        return platform.json(
                "POST", "/v1/assets", creatorKey, Fixtures.assetJson(Fixtures.content(priceModel), priceModel));
    }

    @Test
    void priceModels_onePastEachMaximum_400NamingTheField_theMaximumItselfAccepted() throws Exception {
        assertErrorField(
                registerPriced("{\"type\":\"per_use\",\"rate\":100.000000000000000001}"),
                400,
                "invalid_request",
                "price_model.rate");
        assertErrorField(
                registerPriced("{\"type\":\"per_use\",\"rate\":999999999999}"),
                400,
                "invalid_request",
                "price_model.rate");
        assertErrorField(
                registerPriced("{\"type\":\"floor_plus\",\"rate\":1,\"monthly_floor\":1000000000.01}"),
                400,
                "invalid_request",
                "price_model.monthly_floor");
        assertErrorField(
                registerPriced("{\"type\":\"subscription_bonus\",\"weight\":1000.5}"),
                400,
                "invalid_request",
                "price_model.weight");
        assertErrorField(
                registerPriced("{\"type\":\"rev_share\",\"share\":1.01}"), 400, "invalid_request", "price_model.share");
        assertThat(registerPriced("{\"type\":\"per_use\",\"rate\":100}").statusCode())
                .isEqualTo(201);
        assertThat(registerPriced("{\"type\":\"floor_plus\",\"rate\":100,\"monthly_floor\":1000000000}")
                        .statusCode())
                .isEqualTo(201);
    }

    @Test
    void subscriptionPool_onePastTheMaximum_400NamingTheField() throws Exception {
        assertErrorField(
                platform.json(
                        "POST",
                        "/v1/settlements",
                        platform.platformKey(),
                        "{\"period\":\"2026-01\",\"subscription_pool\":{\"amount\":1e30,\"currency\":\"USD\"}}"),
                400,
                "invalid_request",
                "subscription_pool.amount");
    }

    @Test
    void events_overTheTokenOrRevenueBound_rejectedAlone_neighboursAccepted() throws Exception {
        String perUse = receipt("{\"type\":\"per_use\",\"rate\":100}", "m-use");
        String revShare = receipt("{\"type\":\"rev_share\",\"share\":1}", "m-rev");
        Instant now = Instant.now().minusSeconds(5);
        ArrayNode events = RunningPlatform.JSON.createArrayNode();
        events.add(Usage.event("ok", "m-use", perUse, MoneyBounds.MAX_TOKENS, now));
        events.add(Usage.event("too-many", "m-use", perUse, MoneyBounds.MAX_TOKENS + 1, now));
        ObjectNode rich = Usage.event("too-rich", "m-rev", revShare, 1, now);
        rich.put("revenue", MoneyBounds.MAX_REVENUE.add(new BigDecimal("0.01")));
        events.add(rich);

        JsonNode answer =
                RunningPlatform.body(platform.json("POST", "/v1/usage-events", platform.hostKey(), Usage.wrap(events)));

        assertThat(answer.path("accepted").asInt()).as(answer.toString()).isEqualTo(1);
        assertThat(answer.path("rejected"))
                .extracting(r -> r.path("code").asText())
                .containsExactly("tokens_out_of_range", "invalid_event");
    }

    @Test
    void largestAllowedValues_throughIngestionRollupsSettlementAndStatements_exactAndNo5xx() throws Exception {
        String perUse = receipt("{\"type\":\"per_use\",\"rate\":100}", "m-use");
        String revShare = receipt("{\"type\":\"rev_share\",\"share\":1}", "m-rev");
        String floor = receipt("{\"type\":\"floor_plus\",\"rate\":100,\"monthly_floor\":1000000000}", "m-floor");
        receipt("{\"type\":\"subscription_bonus\",\"weight\":1000}", "m-sub");
        YearMonth last = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
        Instant at = last.atEndOfMonth().atTime(12, 0).toInstant(ZoneOffset.UTC);
        for (int batch = 0; batch < 3; batch++) {
            send(Usage.batch("use" + batch, 1000, "m-use", perUse, MoneyBounds.MAX_TOKENS, at));
        }
        ArrayNode revenues = RunningPlatform.JSON.createArrayNode();
        for (int i = 0; i < 1000; i++) {
            revenues.add(Usage.event("rev" + i, "m-rev", revShare, 1, at).put("revenue", MoneyBounds.MAX_REVENUE));
        }
        send(Usage.wrap(revenues));
        send(Usage.batch("floor", 1, "m-floor", floor, 1, at));

        var settled = platform.json(
                "POST",
                "/v1/settlements",
                platform.platformKey(),
                "{\"period\":\"" + last + "\",\"subscription_pool\":{\"amount\":" + MoneyBounds.MAX_POOL.toPlainString()
                        + ",\"currency\":\"USD\"}}");
        assertThat(settled.statusCode()).as(settled.body()).isEqualTo(201);
        JsonNode report = RunningPlatform.body(platform.get("/v1/usage-report?period=" + last, creatorKey));
        JsonNode statement = RunningPlatform.body(platform.get("/v1/statements?period=" + last, creatorKey))
                .path("statements")
                .get(0);

        // 3 x 1000 x 10^8 tokens x 100, plus 1000 x 10^10 revenue, plus 100 on the floor asset's one token.
        BigDecimal usage = new BigDecimal("30000000000000")
                .add(new BigDecimal("10000000000000"))
                .add(new BigDecimal("100"));
        assertThat(report.path("total").decimalValue()).as(report.toString()).isEqualByComparingTo(usage);
        // The floor tops up to 10^9; the pool (no subscription usage) allocates nothing.
        BigDecimal payable = usage.subtract(new BigDecimal("100")).add(new BigDecimal("1000000000"));
        assertThat(statement.path("payable").decimalValue())
                .as(statement.toString())
                .isEqualByComparingTo(payable);
        assertThat(statement.path("paid").decimalValue()).isEqualByComparingTo(payable);
    }

    private void send(String body) throws Exception {
        var response = platform.json("POST", "/v1/usage-events", platform.hostKey(), body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(RunningPlatform.body(response).path("rejected"))
                .as(response.body())
                .isEmpty();
    }

    private String receipt(String priceModel, String model) throws Exception {
        return Receipts.recordForNewAsset(platform, creatorKey, creatorId, priceModel + model, priceModel, model);
    }
}
