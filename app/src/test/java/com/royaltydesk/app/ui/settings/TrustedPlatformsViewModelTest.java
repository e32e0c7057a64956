package com.royaltydesk.app.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.app.api.PlatformClient;
import com.royaltydesk.app.concurrency.AppExecutors;
import com.royaltydesk.app.concurrency.BackgroundTasks;
import com.royaltydesk.app.testutil.QueueExecutor;
import com.royaltydesk.app.verify.TrustStore;
import com.royaltydesk.platform.PlatformConfig;
import com.royaltydesk.platform.PlatformServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** First contact with a platform: its keys are shown and nothing is trusted until the user says yes. */
class TrustedPlatformsViewModelTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private final AppExecutors executors = new AppExecutors();
    private final QueueExecutor uiThread = new QueueExecutor();
    private PlatformServer platform;
    private PlatformClient client;
    private TrustStore store;
    private TrustedPlatformsViewModel viewModel;

    @BeforeEach
    void start() {
        platform =
                PlatformServer.start(new PlatformConfig(PlatformConfig.DEFAULT_HOST, 0, dir.resolve("p"), null, true));
        client = PlatformClient.connect(platform.baseUrl());
        store = new TrustStore(dir.resolve("app"), Clock.systemUTC());
        viewModel = new TrustedPlatformsViewModel(new BackgroundTasks(executors.workers(), uiThread), store);
    }

    @AfterEach
    void stop() {
        executors.close();
        client.close();
        platform.close();
    }

    @Test
    void offerPlatform_untrusted_askedWithItsKeys_trustedOnlyAfterYes_thenNotAskedAgain() throws Exception {
        viewModel.offerPlatform(client);
        uiThread.runUntil(() -> viewModel.askingProperty().get(), WAIT);

        assertThat(viewModel.pendingProperty().get()).contains("thumbprint").contains(platform.baseUrl());
        assertThat(store.entries()).as("nothing trusted before the answer").isEmpty();

        viewModel.trustPending();
        uiThread.runUntil(() -> viewModel.trusted().size() == 1, WAIT);
        viewModel.offerPlatform(client);
        uiThread.runNext(WAIT); // the second offer's answer, handed to the UI thread

        assertThat(store.entries()).hasSize(1);
        assertThat(viewModel.askingProperty().get())
                .as("a trusted platform is not asked about again")
                .isFalse();
    }

    @Test
    void dismissPending_nothingSaved() {
        viewModel.offerPlatform(client);
        uiThread.runUntil(() -> viewModel.askingProperty().get(), WAIT);

        viewModel.dismissPending();

        assertThat(viewModel.askingProperty().get()).isFalse();
        assertThat(store.entries()).isEmpty();
    }
}
