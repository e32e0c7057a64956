package com.royaltydesk.platform.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.royaltydesk.platform.PlatformConfig;
import com.royaltydesk.platform.sandbox.DemoHistory;
import com.royaltydesk.platform.testutil.ErrorAssertions;
import com.royaltydesk.platform.testutil.RunningPlatform;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pricing simulator on a sandbox with a year of demo history: settled months and an open one,
 * a per-use asset and a floor-plus asset, checked against what the platform booked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PriceSimulationsHttpTest {

    @TempDir
    static Path dir;

    private RunningPlatform platform;
    private final YearMonth now = YearMonth.now(ZoneOffset.UTC);

    @BeforeAll
    void start() {
        platform = RunningPlatform.start(
                new PlatformConfig(PlatformConfig.DEFAULT_HOST, 0, dir.resolve("p"), null, true).withDemoHistory());
    }

    @AfterAll
    void stop() {
        platform.close();
    }

    private HttpResponse<String> simulate(String key, String assetId, String priceModel, YearMonth from, YearMonth to)
            throws Exception {
        return platform.json(
                "POST",
                "/v1/price-simulations",
                key,
                "{\"asset_id\":\"" + assetId + "\",\"price_model\":" + priceModel + ",\"from\":\"" + from
                        + "\",\"to\":\"" + to + "\"}");
    }

    @Test
    void doubleThePerUseRate_everyMonthDoubles_exactly() throws Exception {
        JsonNode answer = RunningPlatform.body(simulate(
                platform.creator42Key(),
                "ds_sandbox_demo",
                "{\"type\":\"per_use\",\"rate\":0.0002}",
                now.minusMonths(12),
                now.minusMonths(12 - DemoHistory.PRICE_RAISED_IN + 1)));

        // The months before the demo raised this dataset's price (0.0001 per token in force then).
        assertThat(answer.path("months").size()).isEqualTo(DemoHistory.PRICE_RAISED_IN);
        int settled = 0;
        for (JsonNode month : answer.path("months")) {
            BigDecimal actual = month.path("actual").decimalValue();
            BigDecimal simulated = month.path("simulated").decimalValue();
            assertThat(simulated)
                    .as(month.path("period").asText())
                    .isEqualByComparingTo(actual.multiply(BigDecimal.valueOf(2)));
            assertThat(month.path("difference").decimalValue()).isEqualByComparingTo(simulated.subtract(actual));
            // The rollups' tokens at the old rate are what the platform booked.
            assertThat(actual)
                    .isEqualByComparingTo(new BigDecimal("0.0001")
                            .multiply(BigDecimal.valueOf(month.path("tokens").asLong())));
            settled += month.path("settled").asBoolean() ? 1 : 0;
        }
        assertThat(settled).isEqualTo(DemoHistory.PRICE_RAISED_IN);
        assertThat(answer.path("simulated_total").decimalValue())
                .isEqualByComparingTo(answer.path("actual_total").decimalValue().multiply(BigDecimal.valueOf(2)));
    }

    @Test
    void dropTheFloor_theSettledMonthsLoseExactlyTheirTopUp() throws Exception {
        JsonNode answer = RunningPlatform.body(simulate(
                platform.creator42Key(),
                "ds_demo_news_archive",
                "{\"type\":\"per_use\",\"rate\":0.00002}",
                now.minusMonths(12),
                now.minusMonths(1)));

        int toppedUp = 0;
        for (JsonNode month : answer.path("months")) {
            BigDecimal simulated = month.path("simulated").decimalValue();
            BigDecimal actual = month.path("actual").decimalValue();
            if (month.path("settled").asBoolean() && month.path("events").asLong() > 0) {
                // floor_plus 250.00 + 0.00002/token was in force: settlement paid max(floor, per-token).
                assertThat(actual)
                        .as(month.path("period").asText())
                        .isEqualByComparingTo(simulated.max(new BigDecimal("250")));
                toppedUp += actual.compareTo(simulated) > 0 ? 1 : 0;
            }
        }
        assertThat(toppedUp).as("months the floor topped up").isPositive();
    }

    @Test
    void refusals_inTheErrorShape() throws Exception {
        String perUse = "{\"type\":\"per_use\",\"rate\":0.0002}";
        ErrorAssertions.assertError(
                simulate(platform.creator42Key(), "ds_sandbox_demo", perUse, now.minusMonths(24), now),
                422,
                "limit_exceeded");
        ErrorAssertions.assertError(
                simulate(platform.creator42Key(), "ds_sandbox_demo", perUse, now, now.plusMonths(1)),
                400,
                "invalid_request");
        ErrorAssertions.assertError(
                simulate(
                        platform.creator42Key(),
                        "ds_sandbox_demo",
                        "{\"type\":\"subscription_bonus\"}",
                        now.minusMonths(2),
                        now),
                400,
                "invalid_request");
        ErrorAssertions.assertError(
                simulate(
                        platform.creator42Key(),
                        "ds_sandbox_demo",
                        "{\"type\":\"per_use\",\"rate\":0.0002,\"currency\":\"EUR\"}",
                        now.minusMonths(2),
                        now),
                400,
                "invalid_request");
        ErrorAssertions.assertError(
                simulate(platform.creator42Key(), "ds_nobody_has_this", perUse, now.minusMonths(2), now),
                404,
                "not_found");
        ErrorAssertions.assertError(
                simulate(platform.hostKey(), "ds_sandbox_demo", perUse, now.minusMonths(2), now), 403, "forbidden");
    }
}
