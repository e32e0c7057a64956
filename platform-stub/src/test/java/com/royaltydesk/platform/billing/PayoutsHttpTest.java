package com.royaltydesk.platform.billing;

import static com.royaltydesk.platform.testutil.ErrorAssertions.assertError;
import static com.royaltydesk.platform.testutil.ErrorAssertions.assertErrorField;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.royaltydesk.platform.keys.PlatformKeyBootstrap;
import com.royaltydesk.platform.testutil.Fixtures;
import com.royaltydesk.platform.testutil.Receipts;
import com.royaltydesk.platform.testutil.RunningPlatform;
import com.royaltydesk.platform.testutil.Usage;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Payouts that finish, on a live platform (no sandbox shortcuts): held until KYC is verified, then
 * pending until the payment rail reports paid (with its tx_ref) or failed (money back on balance).
 */
class PayoutsHttpTest {

    @TempDir
    Path dataDir;

    private RunningPlatform platform;
    private String platformKey;
    private String creatorId;
    private String creatorKey;
    private String period;

    @BeforeEach
    void liveMoneyFlow() throws Exception {
        platform = RunningPlatform.start(dataDir, false);
        platformKey = Files.readString(dataDir.resolve(PlatformKeyBootstrap.FILE_NAME))
                .trim();
        JsonNode creator = RunningPlatform.body(platform.json("POST", "/v1/creators", platformKey, "{}"));
        creatorId = creator.path("creator_id").asText();
        creatorKey = creator.path("api_key").asText();
        assertThat(creator.path("kyc_status").asText()).isEqualTo("pending");
        JsonNode asset = Receipts.registerProven(
                platform, creatorKey, Fixtures.content("payout"), "{\"type\":\"per_use\",\"rate\":0.01}");
        String receipt = RunningPlatform.body(platform.json(
                        "POST",
                        "/v1/proof-of-training",
                        platformKey,
                        Receipts.proofJson(asset.path("asset_id").asText(), creatorId, "model_xyz")))
                .path("receipt_id")
                .asText();
        String hostKey = RunningPlatform.body(platform.json(
                        "POST", "/v1/hosts", platformKey, "{\"display_name\":\"Host\",\"models\":[\"model_xyz\"]}"))
                .path("api_key")
                .asText();
        YearMonth last = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
        period = last.toString();
        Instant inLastMonth = last.atEndOfMonth().atTime(12, 0).toInstant(ZoneOffset.UTC); // within the 35-day window
        var usage = platform.json(
                "POST", "/v1/usage-events", hostKey, Usage.batch("p", 2, "model_xyz", receipt, 5_000, inLastMonth));
        assertThat(RunningPlatform.body(usage).path("accepted").asInt())
                .as(usage.body())
                .isEqualTo(2);
        var settled = platform.json("POST", "/v1/settlements", platformKey, "{\"period\":\"" + period + "\"}");
        assertThat(settled.statusCode()).as(settled.body()).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    private JsonNode payout() throws Exception {
        return RunningPlatform.body(platform.get("/v1/payouts?period=" + period, creatorKey))
                .path("payouts")
                .get(0);
    }

    private java.net.http.HttpResponse<String> report(String payoutId, String body) throws Exception {
        return platform.json("POST", "/v1/payouts/" + payoutId + "/status", platformKey, body);
    }

    @Test
    void kycPending_payoutHeldWithTheReason_thenVerifiedPendingThenPaidWithTheRailsTxRef() throws Exception {
        JsonNode held = payout();
        assertThat(held.path("status").asText()).isEqualTo("held");
        assertThat(held.path("failure_reason").asText()).isEqualTo("kyc_pending");
        assertError(
                report(held.path("payout_id").asText(), "{\"status\":\"paid\",\"tx_ref\":\"ach_1\"}"),
                409,
                "payout_not_pending");

        var verified = platform.json(
                "POST", "/v1/creators/" + creatorId + "/kyc", platformKey, "{\"kyc_status\":\"verified\"}");
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        assertThat(payout().path("status").asText()).isEqualTo("pending");

        var paid = report(held.path("payout_id").asText(), "{\"status\":\"paid\",\"tx_ref\":\"ach_20260117_819\"}");

        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
        assertThat(payout().path("status").asText()).isEqualTo("paid");
        assertThat(payout().path("tx_ref").asText()).isEqualTo("ach_20260117_819");
        assertError(
                report(held.path("payout_id").asText(), "{\"status\":\"failed\",\"reason\":\"late\"}"),
                409,
                "payout_not_pending");
    }

    @Test
    void failed_amountBackOnTheAvailableBalance() throws Exception {
        platform.json("POST", "/v1/creators/" + creatorId + "/kyc", platformKey, "{\"kyc_status\":\"verified\"}");
        JsonNode pending = payout();
        BigDecimal amount = pending.path("amount").decimalValue();

        var failed =
                report(pending.path("payout_id").asText(), "{\"status\":\"failed\",\"reason\":\"  account closed \"}");

        assertThat(failed.statusCode()).as(failed.body()).isEqualTo(200);
        assertThat(payout().path("status").asText()).isEqualTo("failed");
        // Stored as the rail's words without the blanks around them, like every other text field.
        assertThat(payout().path("failure_reason").asText()).isEqualTo("account closed");
        JsonNode balances = RunningPlatform.body(platform.get("/v1/balances", creatorKey));
        assertThat(balances.toString()).contains(amount.stripTrailingZeros().toPlainString());
    }

    @Test
    void report_badInput_400NamingTheFieldAndNothingChanges() throws Exception {
        platform.json("POST", "/v1/creators/" + creatorId + "/kyc", platformKey, "{\"kyc_status\":\"verified\"}");
        String id = payout().path("payout_id").asText();

        assertErrorField(report(id, "{\"status\":\"paid\"}"), 400, "invalid_request", "tx_ref");
        assertErrorField(
                report(id, "{\"status\":\"paid\",\"tx_ref\":\"" + "x".repeat(129) + "\"}"),
                400,
                "invalid_request",
                "tx_ref");
        assertErrorField(report(id, "{\"status\":\"failed\"}"), 400, "invalid_request", "reason");
        assertErrorField(report(id, "{\"status\":\"refunded\"}"), 400, "invalid_request", "status");
        assertError(report("pay_nope", "{\"status\":\"paid\",\"tx_ref\":\"a\"}"), 404, "not_found");
        assertError(
                platform.json(
                        "POST", "/v1/payouts/" + id + "/status", creatorKey, "{\"status\":\"paid\",\"tx_ref\":\"a\"}"),
                403,
                "forbidden");
        assertErrorField(
                platform.json("POST", "/v1/creators/" + creatorId + "/kyc", platformKey, "{\"kyc_status\":\"maybe\"}"),
                400,
                "invalid_request",
                "kyc_status");
        assertThat(payout().path("status").asText()).isEqualTo("pending");
    }

    @Test
    void kycRejected_payoutStaysHeldWithThatReason() throws Exception {
        platform.json("POST", "/v1/creators/" + creatorId + "/kyc", platformKey, "{\"kyc_status\":\"rejected\"}");

        assertThat(payout().path("status").asText()).isEqualTo("held");
        assertThat(payout().path("failure_reason").asText()).isEqualTo("kyc_rejected");
    }
}
