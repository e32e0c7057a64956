package com.royaltydesk.app.ui.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.app.api.PlatformClient;
import com.royaltydesk.app.concurrency.AppExecutors;
import com.royaltydesk.app.concurrency.BackgroundTasks;
import com.royaltydesk.app.testutil.QueueExecutor;
import com.royaltydesk.app.testutil.SandboxCalls;
import com.royaltydesk.app.verify.ReceiptChecker;
import com.royaltydesk.app.verify.TrustStore;
import com.royaltydesk.platform.PlatformConfig;
import com.royaltydesk.platform.PlatformServer;
import com.royaltydesk.verify.BundleReport;
import com.royaltydesk.verify.state.FileCheckpointMemory;
import com.royaltydesk.verify.trust.TrustRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real sandbox platform, with no JavaFX toolkit. */
class ReceiptsViewModelTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private final AppExecutors executors = new AppExecutors();
    private final QueueExecutor uiThread = new QueueExecutor();
    private ReceiptsViewModel viewModel;
    private PlatformServer platform;
    private PlatformClient client;

    @BeforeEach
    void start() throws Exception {
        platform = PlatformServer.start(PlatformConfig.embedded(dir.resolve("platform")));
        client = PlatformClient.connect(platform.baseUrl(), SandboxCalls.creatorKey(dir.resolve("platform")));
        // As the app does with the platform it started: trusted for the session, as sandbox.
        TrustStore trust = new TrustStore(dir.resolve("app"), Clock.systemUTC());
        trust.trustSessionSandbox(TrustRoot.parse(client.trustRoot(), "test"));
        viewModel = new ReceiptsViewModel(
                new BackgroundTasks(executors.workers(), uiThread),
                new ReceiptChecker(Clock.systemUTC(), trust, new FileCheckpointMemory(dir.resolve("app/checkpoints"))));
    }

    @AfterEach
    void stop() {
        executors.close();
        client.close();
        if (platform != null) {
            platform.close();
        }
    }

    private void drainUntil(BooleanSupplier condition) {
        uiThread.runUntil(condition, WAIT);
    }

    @Test
    void connect_listsTheCreatorsReceipts() throws Exception {
        SandboxCalls.recordReceipt(platform.baseUrl(), dir.resolve("platform"), "model-a");
        SandboxCalls.recordReceipt(platform.baseUrl(), dir.resolve("platform"), "model-b");

        viewModel.connect(client);
        drainUntil(() -> viewModel.list().receipts().size() == 2);

        assertThat(viewModel.list().receipts()).extracting(r -> r.modelId()).containsExactly("model-a", "model-b");
        assertThat(viewModel.messageProperty().get()).isEqualTo("2 receipts");
    }

    @Test
    void modelAndAssetFilters_askThePlatformForThoseReceiptsOnly() throws Exception {
        SandboxCalls.recordReceipt(platform.baseUrl(), dir.resolve("platform"), "llama-x");
        SandboxCalls.recordReceipt(platform.baseUrl(), dir.resolve("platform"), "mistral-y");
        viewModel.connect(client);
        drainUntil(() -> viewModel.list().receipts().size() == 2);

        viewModel.list().modelFilterProperty().set("llama-x");
        viewModel.refresh();
        drainUntil(() -> viewModel.list().receipts().size() == 1);
        assertThat(viewModel.list().receipts()).extracting(r -> r.modelId()).containsExactly("llama-x");

        viewModel.list().modelFilterProperty().set("");
        viewModel.list().assetFilterProperty().set("ds_not_this_one");
        viewModel.refresh();
        drainUntil(() -> viewModel.messageProperty().get().equals("0 receipts"));
        assertThat(viewModel.list().receipts()).isEmpty();

        viewModel.list().assetFilterProperty().set("ds_sandbox_demo");
        viewModel.refresh();
        drainUntil(() -> viewModel.list().receipts().size() == 2);
    }

    @Test
    void signatureStates_checkedInTheBackgroundAndFilterable() throws Exception {
        SandboxCalls.recordReceipt(platform.baseUrl(), dir.resolve("platform"), "model-a");
        SandboxCalls.recordReceipt(platform.baseUrl(), dir.resolve("platform"), "model-b");
        viewModel.connect(client);
        drainUntil(() -> viewModel.list().statesCheckedProperty().get() == 2);

        assertThat(viewModel.list().states().values()).containsOnly(com.royaltydesk.verify.ReceiptStatus.VERIFIED);
        viewModel.list().stateFilterProperty().set(StateFilter.NOT_VERIFIED);
        drainUntil(() -> viewModel.list().receipts().isEmpty());
        assertThat(viewModel.list().receipts()).isEmpty();
        viewModel.list().stateFilterProperty().set(StateFilter.VERIFIED);
        drainUntil(() -> viewModel.list().receipts().size() == 2);
        assertThat(viewModel.list().receipts()).hasSize(2);
    }

    @Test
    void search_filtersByModel() throws Exception {
        SandboxCalls.recordReceipt(platform.baseUrl(), dir.resolve("platform"), "llama-x");
        SandboxCalls.recordReceipt(platform.baseUrl(), dir.resolve("platform"), "mistral-y");
        viewModel.connect(client);
        drainUntil(() -> viewModel.list().receipts().size() == 2);

        viewModel.list().searchProperty().set("MISTRAL");
        drainUntil(() -> viewModel.list().receipts().size() == 1);

        assertThat(viewModel.list().receipts()).extracting(r -> r.modelId()).containsExactly("mistral-y");
    }

    @Test
    void select_realReceipt_validWithEveryCheckPassed() throws Exception {
        SandboxCalls.recordReceipt(platform.baseUrl(), dir.resolve("platform"), "model-a");
        viewModel.connect(client);
        drainUntil(() -> !viewModel.list().receipts().isEmpty());

        viewModel.select(viewModel.list().receipts().get(0));
        drainUntil(() ->
                !"checking".equals(viewModel.inspection().verdictStyleProperty().get()));

        assertThat(viewModel.inspection().verdictStyleProperty().get()).isEqualTo("sandbox");
        assertThat(viewModel.inspection().verdictProperty().get()).isEqualTo(Badges.sandboxVerified());
        assertThat(viewModel.inspection().checks()).isNotEmpty().allMatch(BundleReport.Check::passed);
        assertThat(viewModel.inspection().payloadProperty().get())
                .contains("model-a")
                .contains("creator_42");
    }

    @Test
    void exportedBundle_opensValidWithThePlatformStopped_andTamperingIsCaught() throws Exception {
        SandboxCalls.recordReceipt(platform.baseUrl(), dir.resolve("platform"), "model-a");
        viewModel.connect(client);
        drainUntil(() -> !viewModel.list().receipts().isEmpty());
        viewModel.select(viewModel.list().receipts().get(0));
        drainUntil(() -> viewModel.inspection().canExportProperty().get());
        Path file = dir.resolve("receipt.bundle.json");
        viewModel.exportBundle(file);
        drainUntil(() -> Files.exists(file));
        platform.close();
        platform = null;

        viewModel.openBundle(file);
        drainUntil(() -> viewModel.inspection().subjectProperty().get().contains("offline"));
        String offlineVerdict = viewModel.inspection().verdictStyleProperty().get();

        Path tampered = dir.resolve("tampered.bundle.json");
        Files.writeString(tampered, Files.readString(file).replaceFirst("\"log_index\":\\d+", "\"log_index\":77"));
        viewModel.openBundle(tampered);
        drainUntil(() -> viewModel.inspection().subjectProperty().get().startsWith("Bundle tampered.bundle.json"));

        assertThat(offlineVerdict).isEqualTo("sandbox");
        assertThat(viewModel.inspection().verdictStyleProperty().get()).isEqualTo("invalid");
        assertThat(viewModel.inspection().verdictProperty().get()).isEqualTo("Not in log");
    }
}
