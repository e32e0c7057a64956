package com.royaltydesk.app.ui.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.app.api.PlatformClient;
import com.royaltydesk.app.concurrency.AppExecutors;
import com.royaltydesk.app.concurrency.BackgroundTasks;
import com.royaltydesk.app.testutil.QueueExecutor;
import com.royaltydesk.platform.PlatformConfig;
import com.royaltydesk.platform.PlatformServer;
import com.royaltydesk.platform.core.Version;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real platform on a free port, with no JavaFX toolkit running. */
class StatusBarViewModelTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration NO_REPEAT = Duration.ofHours(1);

    @TempDir
    Path dataDir;

    private final AppExecutors executors = new AppExecutors();
    private final QueueExecutor uiThread = new QueueExecutor();
    private final StatusBarViewModel viewModel =
            new StatusBarViewModel(new BackgroundTasks(executors.workers(), uiThread));
    private PlatformServer platform;
    private PlatformClient client;

    @BeforeEach
    void startPlatform() {
        platform = PlatformServer.start(PlatformConfig.embedded(dataDir));
        client = PlatformClient.connect(platform.baseUrl());
    }

    @AfterEach
    void stop() {
        viewModel.stopMonitoring();
        executors.close();
        client.close();
        platform.close();
    }

    @Test
    void newViewModel_beforeConnect_startingAndCheckNowDoesNothing() {
        viewModel.checkNow();

        assertThat(viewModel.statusProperty().get()).isEqualTo(PlatformStatus.STARTING);
        assertThat(viewModel.checkingProperty().get()).isFalse();
        assertThat(uiThread.isEmpty()).isTrue();
    }

    @Test
    void connect_platformUp_healthyWithUrlAndVersion() throws Exception {
        viewModel.connect(client, NO_REPEAT);
        assertThat(viewModel.statusProperty().get()).isEqualTo(PlatformStatus.CHECKING);

        uiThread.runNext(WAIT);

        assertThat(viewModel.statusProperty().get()).isEqualTo(PlatformStatus.HEALTHY);
        assertThat(viewModel.messageProperty().get()).contains("healthy").contains(Version.current());
        assertThat(viewModel.platformUrlProperty().get()).isEqualTo(platform.baseUrl());
        assertThat(viewModel.checkingProperty().get()).isFalse();
    }

    @Test
    void checkNow_platformStopped_unreachableWithPlainMessage() throws Exception {
        viewModel.connect(client, NO_REPEAT);
        uiThread.runNext(WAIT);
        platform.close();

        viewModel.checkNow();
        uiThread.runNext(WAIT);

        assertThat(viewModel.statusProperty().get()).isEqualTo(PlatformStatus.UNREACHABLE);
        assertThat(viewModel.messageProperty().get())
                .contains("Cannot reach the platform at " + client.baseUrl())
                .contains("Retrying");
    }

    @Test
    void checkNow_whileACheckIsUnderWay_startsNoSecondCheck() throws Exception {
        viewModel.connect(client, NO_REPEAT);

        viewModel.checkNow();
        viewModel.checkNow();
        uiThread.runNext(WAIT);
        Thread.sleep(200);

        assertThat(uiThread.isEmpty()).as("only one result was handed back").isTrue();
    }

    @Test
    void connect_withInterval_checksAgainByItself() throws Exception {
        viewModel.connect(client, Duration.ofMillis(50));
        drainUntil(PlatformStatus.HEALTHY);
        platform.close();

        // No checkNow() here: only the monitor's own ticks can notice the platform went away.
        drainUntil(PlatformStatus.UNREACHABLE);

        assertThat(viewModel.statusProperty().get()).isEqualTo(PlatformStatus.UNREACHABLE);
    }

    private void drainUntil(PlatformStatus wanted) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (viewModel.statusProperty().get() != wanted && System.nanoTime() < deadline) {
            uiThread.runNext(WAIT);
        }
    }

    @Test
    void platformFailedToStart_reasonShown() {
        viewModel.platformFailedToStart(new IllegalStateException("data folder is read-only"));

        assertThat(viewModel.statusProperty().get()).isEqualTo(PlatformStatus.FAILED_TO_START);
        assertThat(viewModel.messageProperty().get())
                .contains("could not start")
                .contains("read-only");
    }
}
