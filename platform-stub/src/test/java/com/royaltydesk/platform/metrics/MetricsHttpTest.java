package com.royaltydesk.platform.metrics;

import static com.royaltydesk.platform.testutil.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.royaltydesk.platform.testutil.Receipts;
import com.royaltydesk.platform.testutil.RunningPlatform;
import com.royaltydesk.platform.testutil.SandboxPlatformTest;
import com.royaltydesk.platform.testutil.Usage;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What an operator's Prometheus reads at /metrics after real requests, and the two probes. */
class MetricsHttpTest extends SandboxPlatformTest {

    @Test
    void metrics_afterABatchAndAReceipt_countThemByOutcome() throws Exception {
        String receipt = Receipts.record(platform, "m").path("receipt_id").asText();
        Instant now = Instant.now();
        ArrayNode events = RunningPlatform.JSON.createArrayNode();
        events.add(Usage.event("e-1", "m", receipt, 100, now));
        events.add(Usage.event("e-2", "m", receipt, 100, now));
        events.add(Usage.event("e-1", "m", receipt, 100, now)); // repeated in the batch
        events.add(Usage.event("e-3", "m", "pt_nope", 100, now)); // unknown receipt
        HttpResponse<String> ingested =
                platform.json("POST", "/v1/usage-events", platform.hostKey(), Usage.wrap(events));
        assertThat(ingested.statusCode()).as(ingested.body()).isEqualTo(200);

        String text = scrape();

        assertThat(value(text, "rdk_usage_events_total{outcome=\"accepted\"}")).isEqualTo(2);
        assertThat(value(text, "rdk_usage_events_total{outcome=\"duplicate\"}")).isEqualTo(1);
        assertThat(value(text, "rdk_usage_events_total{outcome=\"rejected\"}")).isEqualTo(1);
        assertThat(value(text, "rdk_usage_batch_seconds_count")).isEqualTo(1);
        assertThat(value(text, "rdk_receipts_issued_total")).isEqualTo(1);
        assertThat(value(text, "rdk_receipt_log_size")).isEqualTo(1);
        assertThat(value(text, "rdk_webhook_backlog")).isGreaterThanOrEqualTo(0);
        assertThat(value(text, "rdk_db_pool_active")).isGreaterThanOrEqualTo(0);
        assertThat(text).contains("jvm_memory_used_bytes");
    }

    @Test
    void metrics_aBatchOfReceipts_countsEachReceipt() throws Exception {
        String claim = Receipts.proofJson("ds_sandbox_demo", "creator_42", "m");
        HttpResponse<String> batch = platform.json(
                "POST",
                "/v1/proof-of-training/batch",
                platform.platformKey(),
                "{\"claims\":[" + claim + "," + claim + "," + claim + "]}");
        assertThat(batch.statusCode()).as(batch.body()).isEqualTo(201);

        String text = scrape();

        assertThat(value(text, "rdk_receipts_issued_total")).isEqualTo(3);
        assertThat(value(text, "rdk_receipt_log_size")).isEqualTo(3);
    }

    @Test
    void metrics_areThePlatformKeysOnly() throws Exception {
        assertError(platform.get("/metrics"), 401, "unauthorized");
        assertError(platform.get("/metrics", platform.creator42Key()), 403, "forbidden");
        assertError(platform.get("/metrics", platform.hostKey()), 403, "forbidden");
    }

    @Test
    void probes_liveAndReady_withoutAKey() throws Exception {
        assertThat(RunningPlatform.body(platform.get("/health/live"))
                        .path("status")
                        .asText())
                .isEqualTo("live");
        assertThat(RunningPlatform.body(platform.get("/health/ready"))
                        .path("status")
                        .asText())
                .isEqualTo("ready");
    }

    private String scrape() throws Exception {
        HttpResponse<String> response = platform.get("/metrics", platform.platformKey());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        return response.body();
    }

    /** The sample's value; the test fails naming the metric when it is missing. */
    private static double value(String exposition, String sample) {
        Matcher m =
                Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(exposition);
        assertThat(m.find()).as("metric " + sample + " in:\n" + exposition).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
