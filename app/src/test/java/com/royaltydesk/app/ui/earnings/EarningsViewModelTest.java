package com.royaltydesk.app.ui.earnings;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.app.api.PlatformClient;
import com.royaltydesk.app.concurrency.AppExecutors;
import com.royaltydesk.app.concurrency.BackgroundTasks;
import com.royaltydesk.app.testutil.QueueExecutor;
import com.royaltydesk.app.testutil.SandboxCalls;
import com.royaltydesk.app.ui.common.MoneyFormat;
import com.royaltydesk.platform.PlatformConfig;
import com.royaltydesk.platform.PlatformServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real sandbox platform with usage ingested, no toolkit. */
class EarningsViewModelTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private final AppExecutors executors = new AppExecutors();
    private final QueueExecutor uiThread = new QueueExecutor();
    private final EarningsViewModel viewModel = new EarningsViewModel(
            new BackgroundTasks(executors.workers(), uiThread), new MoneyFormat(Locale.US), Clock.systemUTC());
    private PlatformServer platform;
    private PlatformClient client;

    @BeforeEach
    void start() throws Exception {
        Path platformDir = dir.resolve("platform");
        platform = PlatformServer.start(PlatformConfig.embedded(platformDir));
        client = PlatformClient.connect(platform.baseUrl(), SandboxCalls.creatorKey(platformDir));
        String receipt = SandboxCalls.recordReceipt(platform.baseUrl(), platformDir, "model-e");
        SandboxCalls.reportUsage(
                platform.baseUrl(), dir.resolve("platform"), "e1", "model-e", Instant.now(), 12345, receipt);
    }

    @AfterEach
    void stop() {
        executors.close();
        client.close();
        platform.close();
    }

    private void drainUntil(BooleanSupplier condition) {
        uiThread.runUntil(condition, WAIT);
    }

    @Test
    void connect_showsChartSeriesPreviewAndPendingBalance() throws Exception {
        viewModel.connect(client);
        drainUntil(() -> !viewModel.series().isEmpty());

        assertThat(viewModel.series()).hasSize(1);
        assertThat(viewModel.series().get(0).label()).isEqualTo("Sandbox demo dataset");
        assertThat(viewModel.series().get(0).points().get(0).amount()).isEqualByComparingTo("1.2345");
        assertThat(viewModel.previewProperty().get()).isEqualTo("$1.2345");
        assertThat(viewModel.previewDetailProperty().get()).contains("$1.23");
        assertThat(viewModel.balances().get(0).pending()).isEqualByComparingTo("1.2345");
        assertThat(viewModel.payouts()).isEmpty();
    }

    @Test
    void groupByModel_reloadsWithModelSeries() throws Exception {
        viewModel.connect(client);
        drainUntil(() -> !viewModel.series().isEmpty());

        viewModel.groupByProperty().set("model");
        drainUntil(() -> "model-e".equals(viewModel.series().get(0).label()));

        assertThat(viewModel.series().get(0).key()).isEqualTo("model-e");
    }

    @Test
    void earlierPeriod_noEarnings_saysSo() throws Exception {
        viewModel.connect(client);
        drainUntil(() -> !viewModel.series().isEmpty());

        viewModel.periodProperty().set(viewModel.periods().get(3));
        drainUntil(() -> viewModel.messageProperty().get().startsWith("No earnings"));

        assertThat(viewModel.series()).isEmpty();
    }

    @Test
    void exportStatement_settledMonth_savesThePlatformsStatementWithItsDigest() throws Exception {
        Path platformDir = dir.resolve("platform");
        YearMonth lastMonth = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
        String receipt = SandboxCalls.recordReceipt(platform.baseUrl(), platformDir, "model-s");
        Instant inLastMonth = lastMonth.atEndOfMonth().atStartOfDay().toInstant(ZoneOffset.UTC);
        SandboxCalls.reportUsage(
                platform.baseUrl(), dir.resolve("platform"), "s1", "model-s", inLastMonth, 30000, receipt);
        String settled =
                post("/v1/settlements", SandboxCalls.platformKey(platformDir), "{\"period\":\"" + lastMonth + "\"}");
        assertThat(settled).contains("\"status\"");
        viewModel.connect(client);
        drainUntil(() -> !viewModel.series().isEmpty());
        viewModel.periodProperty().set(lastMonth);
        drainUntil(() -> !viewModel.messageProperty().get().equals("Loading…"));
        Path file = dir.resolve(viewModel.statementFileName());

        viewModel.exportStatement(file);
        drainUntil(() -> viewModel.messageProperty().get().startsWith("Statement for"));

        String csv = Files.readString(file);
        String digest = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(get("/v1/statements?period=" + lastMonth, SandboxCalls.creatorKey(platformDir)))
                .at("/statements/0/digest")
                .asText();
        assertThat(file.getFileName().toString()).isEqualTo("statement-" + lastMonth + ".csv");
        assertThat(csv).contains("USD,paid,,,,,,3.00,").contains("USD,digest,,,,,,," + digest);
        assertThat(digest).hasSize(64);
    }

    @Test
    void exportStatementPdf_settledMonth_pdfShowsThePlatformsTotalsAndDigest() throws Exception {
        Path platformDir = dir.resolve("platform");
        YearMonth lastMonth = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
        String receipt = SandboxCalls.recordReceipt(platform.baseUrl(), platformDir, "model-p");
        SandboxCalls.reportUsage(
                platform.baseUrl(),
                dir.resolve("platform"),
                "p1",
                "model-p",
                lastMonth.atEndOfMonth().atStartOfDay().toInstant(ZoneOffset.UTC),
                30000,
                receipt);
        post("/v1/settlements", SandboxCalls.platformKey(platformDir), "{\"period\":\"" + lastMonth + "\"}");
        viewModel.connect(client);
        drainUntil(() -> !viewModel.series().isEmpty());
        viewModel.periodProperty().set(lastMonth);
        drainUntil(() -> !viewModel.messageProperty().get().equals("Loading…"));
        Path file = dir.resolve(viewModel.statementPdfFileName());

        viewModel.exportStatementPdf(file);
        drainUntil(() -> viewModel.messageProperty().get().startsWith("Statement for"));

        com.fasterxml.jackson.databind.JsonNode statement = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(get("/v1/statements?period=" + lastMonth, SandboxCalls.creatorKey(platformDir)))
                .at("/statements/0");
        String text;
        try (org.apache.pdfbox.pdmodel.PDDocument pdf = org.apache.pdfbox.Loader.loadPDF(file.toFile())) {
            text = new org.apache.pdfbox.text.PDFTextStripper().getText(pdf);
        }
        assertThat(text)
                .contains("Period " + lastMonth)
                .contains(statement.path("digest").asText())
                .contains("Paid 3.00 USD")
                .contains("model-p")
                .contains("usage");
        assertThat(statement.path("paid").decimalValue()).isEqualByComparingTo("3.00");
    }

    @Test
    void exportStatement_openMonth_saysNotSettledAndWritesNothing() throws Exception {
        viewModel.connect(client);
        drainUntil(() -> !viewModel.series().isEmpty());
        Path file = dir.resolve(viewModel.statementFileName());

        viewModel.exportStatement(file);
        drainUntil(() -> viewModel.messageProperty().get().startsWith("Statement not saved"));

        assertThat(viewModel.messageProperty().get()).contains("not be settled");
        assertThat(file).doesNotExist();
    }

    private String post(String path, String key, String json) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(platform.baseUrl() + path))
                                .header("Authorization", "Bearer " + key)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(json))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private String get(String path, String key) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(platform.baseUrl() + path))
                                .header("Authorization", "Bearer " + key)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
