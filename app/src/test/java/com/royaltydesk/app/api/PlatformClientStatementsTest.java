package com.royaltydesk.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.app.testutil.SandboxCalls;
import com.royaltydesk.platform.PlatformConfig;
import com.royaltydesk.platform.PlatformServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real client against a real sandbox: a statement comes back whole, however the platform pages it. */
class PlatformClientStatementsTest {

    @TempDir
    Path dir;

    @Test
    void statements_lineWithMoreReceiptsThanThePlatformNames_clientFetchesEveryOne() throws Exception {
        try (PlatformServer platform = PlatformServer.start(PlatformConfig.embedded(dir));
                PlatformClient client = PlatformClient.connect(platform.baseUrl(), SandboxCalls.creatorKey(dir))) {
            YearMonth lastMonth = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
            Instant inLastMonth = lastMonth.atEndOfMonth().atStartOfDay().toInstant(ZoneOffset.UTC);
            List<String> receipts = new ArrayList<>();
            for (int i = 0; i < 101; i++) {
                String receipt = SandboxCalls.recordReceipt(platform.baseUrl(), dir, "model-r");
                receipts.add(receipt);
                SandboxCalls.reportUsage(platform.baseUrl(), dir, "r" + i, "model-r", inLastMonth, 100, receipt);
            }
            HttpResponse<String> settled = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(platform.baseUrl() + "/v1/settlements"))
                                    .header("Authorization", "Bearer " + SandboxCalls.platformKey(dir))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"period\":\"" + lastMonth + "\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(settled.statusCode()).as(settled.body()).isEqualTo(201);

            Statement statement = client.statements(lastMonth.toString()).get(0);

            Statement.Line usage = statement.lines().stream()
                    .filter(l -> "model-r".equals(l.modelId()))
                    .findFirst()
                    .orElseThrow();
            assertThat(usage.receiptIds()).hasSize(101).containsExactlyInAnyOrderElementsOf(receipts);
            assertThat(usage.receiptCount()).isEqualTo(101);
            assertThat(statement.lines()).hasSize((int) statement.lineCount());
            assertThat(statement.linesNextCursor()).isNull();
        }
    }
}
