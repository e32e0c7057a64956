package com.royaltydesk.app.ui.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.app.account.AccountStore;
import com.royaltydesk.app.account.Session;
import com.royaltydesk.app.api.PlatformClient;
import com.royaltydesk.app.api.RegisteredAsset;
import com.royaltydesk.app.concurrency.AppExecutors;
import com.royaltydesk.app.concurrency.BackgroundTasks;
import com.royaltydesk.app.testutil.AssetRegistrations;
import com.royaltydesk.app.testutil.QueueExecutor;
import com.royaltydesk.app.testutil.SandboxCalls;
import com.royaltydesk.platform.PlatformConfig;
import com.royaltydesk.platform.PlatformServer;
import com.royaltydesk.platform.sandbox.SandboxCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signing up, signing in and out, KYC and the sandbox demo steps, against real platforms, no toolkit. */
class AccountViewModelTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final AppExecutors executors = new AppExecutors();
    private final QueueExecutor uiThread = new QueueExecutor();
    private final List<Session> switchedTo = new ArrayList<>();
    private PlatformServer platform;
    private Session demo;
    private AccountStore store;
    private AccountViewModel account;

    @BeforeEach
    void start() throws Exception {
        Path platformDir = dir.resolve("platform");
        platform = PlatformServer.start(PlatformConfig.embedded(platformDir));
        demo = new Session(
                platform.baseUrl(),
                "creator_42",
                SandboxCalls.creatorKey(platformDir),
                platformDir.resolve(SandboxCredentials.FILE_NAME),
                new Session.SandboxKeys(SandboxCalls.platformKey(platformDir), SandboxCalls.hostKey(platformDir)),
                true);
        store = new AccountStore(dir.resolve("app"));
        account = new AccountViewModel(
                new BackgroundTasks(executors.workers(), uiThread), store, switchedTo::add, () -> demo, () -> demo);
        account.connected(demo);
        uiThread.runNext(WAIT);
    }

    @AfterEach
    void stop() {
        executors.close();
        platform.close();
    }

    private void drainUntil(BooleanSupplier condition) {
        uiThread.runUntil(condition, WAIT);
    }

    @Test
    void demoCreator_identityAndVerifiedKyc() {
        assertThat(account.identityProperty().get()).contains("creator_42").contains("demo creator");
        assertThat(account.kycProperty().get()).startsWith("Verified");
        assertThat(account.embeddedProperty().get()).isTrue();
    }

    @Test
    void signUp_newCreatorSavedOwnerOnlyAndAppSwitchedToThem() throws Exception {
        account.displayNameProperty().set("Ada Studio");

        account.signUp();
        drainUntil(() -> !switchedTo.isEmpty());

        Session next = switchedTo.get(0);
        assertThat(next.creatorId()).startsWith("creator_").isNotEqualTo("creator_42");
        assertThat(next.baseUrl()).isEqualTo(platform.baseUrl());
        assertThat(next.keyFile()).isEqualTo(store.file());
        assertThat(next.demoCreator()).isFalse();
        assertThat(store.load().orElseThrow().apiKey()).isEqualTo(next.creatorKey());
        account.connected(next);
        drainUntil(() -> account.identityProperty().get().startsWith("Ada Studio"));
        assertThat(account.identityProperty().get()).contains(next.creatorId()).doesNotContain("demo");
    }

    @Test
    void signInRemote_keyCheckedThenSavedWithTheUrl() throws Exception {
        try (PlatformServer remote = PlatformServer.start(PlatformConfig.embedded(dir.resolve("remote")));
                PlatformClient anonymous = PlatformClient.connect(remote.baseUrl())) {
            var creator = anonymous.signUp("Remote Ada");
            account.remoteUrlProperty().set(remote.baseUrl() + "/");
            account.remoteKeyProperty().set(creator.apiKey());

            account.signInRemote();
            drainUntil(() -> !switchedTo.isEmpty());

            Session next = switchedTo.get(0);
            assertThat(next.baseUrl()).isEqualTo(remote.baseUrl());
            assertThat(next.creatorId()).isEqualTo(creator.creatorId());
            assertThat(next.embedded()).isFalse();
            assertThat(store.load().orElseThrow().platformUrl()).isEqualTo(remote.baseUrl());
            assertThat(account.remoteKeyProperty().get())
                    .as("the key field is cleared")
                    .isEmpty();
        }
    }

    @Test
    void signInRemote_wrongKey_platformsAnswerShownNothingSaved() throws Exception {
        account.remoteUrlProperty().set(platform.baseUrl());
        account.remoteKeyProperty().set("rdk_test_creator_not-a-real-key");

        account.signInRemote();
        drainUntil(() -> !account.busyProperty().get());

        assertThat(account.messageProperty().get()).isNotBlank().doesNotContain("Checking");
        assertThat(switchedTo).isEmpty();
        assertThat(Files.exists(store.file())).isFalse();
    }

    @Test
    void signInRemote_notAUrlOrNoKey_saysWhatToWrite() {
        account.remoteUrlProperty().set("platform.example.com");
        account.remoteKeyProperty().set("k");
        account.signInRemote();
        assertThat(account.messageProperty().get()).contains("https://");

        account.remoteUrlProperty().set("https://platform.example.com");
        account.remoteKeyProperty().set(" ");
        account.signInRemote();
        assertThat(account.messageProperty().get()).isEqualTo("Paste your creator API key.");
        assertThat(switchedTo).isEmpty();
    }

    @Test
    void useSandboxDemo_forgetsTheSavedSignIn() throws Exception {
        account.signUp();
        drainUntil(() -> !switchedTo.isEmpty());
        assertThat(Files.exists(store.file())).isTrue();

        account.useSandboxDemo();
        drainUntil(() -> switchedTo.size() == 2);

        assertThat(switchedTo.get(1)).isSameAs(demo);
        assertThat(Files.exists(store.file())).isFalse();
    }

    @Test
    void simulate_trainingThenUsage_receiptsAndEarningsAppear() throws Exception {
        account.signUp();
        drainUntil(() -> !switchedTo.isEmpty());
        Session ada = switchedTo.get(0);
        account.connected(ada);
        byte[] content = "Ada's illustrations".getBytes();
        try (PlatformClient client = PlatformClient.connect(ada.baseUrl(), ada.creatorKey())) {
            RegisteredAsset asset = client.registerAsset(AssetRegistrations.perUse("Illustrations", content));
            client.uploadContent(asset.uploadUrl(), Files.write(dir.resolve("ill.bin"), content), sent -> {});

            account.simulateTraining();
            drainUntil(() -> account.messageProperty().get().startsWith("Recorded"));
            assertThat(account.messageProperty().get()).startsWith("Recorded 1 training receipt for model");
            assertThat(client.receipts(null, 10, null).receipts()).hasSize(1);

            account.simulateUsage();
            drainUntil(() -> account.messageProperty().get().contains("usage events counted"));
            assertThat(account.messageProperty().get()).isEqualTo("3 usage events counted. See Earnings.");
            assertThat(client.billingPreview().total()).isPositive();
        }
    }
}
