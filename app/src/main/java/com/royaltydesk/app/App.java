package com.royaltydesk.app;

import com.royaltydesk.app.account.AccountStore;
import com.royaltydesk.app.account.Session;
import com.royaltydesk.app.api.PlatformClient;
import com.royaltydesk.app.concurrency.AppExecutors;
import com.royaltydesk.app.concurrency.BackgroundTasks;
import com.royaltydesk.app.content.ContentHasher;
import com.royaltydesk.app.embedded.PendingRestore;
import com.royaltydesk.app.ui.account.AccountViewModel;
import com.royaltydesk.app.ui.account.GetStartedView;
import com.royaltydesk.app.ui.assets.AssetsView;
import com.royaltydesk.app.ui.assets.AssetsViewModel;
import com.royaltydesk.app.ui.assets.PriceSimulatorView;
import com.royaltydesk.app.ui.assets.PriceSimulatorViewModel;
import com.royaltydesk.app.ui.assets.RegisterAssetViewModel;
import com.royaltydesk.app.ui.common.DialogService;
import com.royaltydesk.app.ui.common.ErrorNotifier;
import com.royaltydesk.app.ui.common.FirstUse;
import com.royaltydesk.app.ui.common.MoneyFormat;
import com.royaltydesk.app.ui.demos.DemosView;
import com.royaltydesk.app.ui.demos.DemosViewModel;
import com.royaltydesk.app.ui.earnings.EarningsView;
import com.royaltydesk.app.ui.earnings.EarningsViewModel;
import com.royaltydesk.app.ui.receipts.ReceiptsView;
import com.royaltydesk.app.ui.receipts.ReceiptsViewModel;
import com.royaltydesk.app.ui.settings.BackupsViewModel;
import com.royaltydesk.app.ui.settings.SettingsView;
import com.royaltydesk.app.ui.settings.SettingsViewModel;
import com.royaltydesk.app.ui.settings.ThemeSwitch;
import com.royaltydesk.app.ui.settings.TrustedPlatformsViewModel;
import com.royaltydesk.app.ui.shell.KeyboardShortcuts;
import com.royaltydesk.app.ui.shell.MainView;
import com.royaltydesk.app.ui.shell.MainViewModel;
import com.royaltydesk.app.ui.shell.Section;
import com.royaltydesk.app.ui.status.StatusBarViewModel;
import com.royaltydesk.app.ui.webhooks.WebhooksView;
import com.royaltydesk.app.ui.webhooks.WebhooksViewModel;
import com.royaltydesk.app.verify.ReceiptChecker;
import com.royaltydesk.app.verify.TrustStore;
import com.royaltydesk.verify.state.FileCheckpointMemory;
import com.royaltydesk.verify.trust.TrustRoot;
import com.royaltydesk.verify.trust.TrustRootException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The composition root: builds the executors, view models and views by hand, shows the window at
 * once, and starts the embedded platform in the background so the window never waits for it.
 */
public final class App extends Application {

    private static final double WIDTH = 1120;
    private static final double HEIGHT = 720;

    /** Set by {@link #launch}: {@code Application.launch} offers no other way to hand it over. */
    private static volatile StartingSession launchedWith;

    private final AppSettings presetSettings;
    private final DialogService dialogs;
    private Sessions sessions;
    private AccountViewModel account;
    private AppExecutors executors;
    private StatusBarViewModel statusBar;
    private PlatformClient client;
    private PlatformClient creatorClient;
    private AssetsViewModel assets;
    private RegisterAssetViewModel registerAsset;
    private ReceiptsViewModel receipts;
    private EarningsViewModel earnings;
    private DemosViewModel demos;
    private WebhooksViewModel webhooks;
    private SettingsViewModel settingsVm;
    private BackupsViewModel backups;
    private TrustStore trustStore;
    private TrustedPlatformsViewModel trustedPlatforms;
    private BackgroundTasks tasks;
    private List<Page> pages = List.of();
    private boolean stopping;

    /** Used by {@code Application.launch}: settings come from the command line and environment. */
    public App() {
        this(null);
    }

    /** Used by tests and embedders that decide the settings themselves. */
    public App(AppSettings settings) {
        this(settings, new DialogService());
    }

    /** The same with file dialogs of the caller's choosing (tests answer them without a native dialog). */
    public App(AppSettings settings, DialogService dialogs) {
        this.presetSettings = settings;
        this.dialogs = dialogs;
    }

    @Override
    public void start(Stage stage) {
        StartupTimeline.mark("toolkit started");
        StartingSession starting = startingSession();
        AppSettings settings = starting.settings();
        executors = new AppExecutors();
        tasks = new BackgroundTasks(executors.workers(), Platform::runLater);
        statusBar = new StatusBarViewModel(tasks);
        AccountStore accountStore = starting.accounts();
        sessions = starting.sessions();

        MoneyFormat money = new MoneyFormat(Locale.getDefault());
        ContentHasher hasher = new ContentHasher();
        assets = new AssetsViewModel(tasks, money, hasher);
        registerAsset = new RegisterAssetViewModel(tasks, hasher, Locale.getDefault(), assets::refresh);
        trustStore = new TrustStore(settings.dataDir(), Clock.systemUTC());
        receipts = new ReceiptsViewModel(
                tasks,
                new ReceiptChecker(
                        Clock.systemUTC(),
                        trustStore,
                        new FileCheckpointMemory(settings.dataDir().resolve("checkpoints"))));
        earnings = new EarningsViewModel(tasks, money, Clock.systemUTC());
        PriceSimulatorViewModel pricing = new PriceSimulatorViewModel(tasks, money, Clock.systemUTC());
        demos = new DemosViewModel(tasks);
        webhooks = new WebhooksViewModel(tasks);
        settingsVm = new SettingsViewModel(tasks, settings.dataDir());
        Path platformDir = settings.platformDataDir();
        backups = new BackupsViewModel(tasks, new BackupsViewModel.Restores() {
            @Override
            public void schedule(Path backup) throws java.io.IOException {
                PendingRestore.schedule(platformDir, backup);
            }

            @Override
            public java.util.Optional<String> lastRestore() throws java.io.IOException {
                return PendingRestore.lastRestore(platformDir);
            }
        });
        trustedPlatforms = new TrustedPlatformsViewModel(tasks, trustStore);
        account = new AccountViewModel(
                tasks, accountStore, this::connectTo, sessions::sandboxDemo, () -> trusting(sessions.resetSandbox()));
        MainViewModel main = new MainViewModel(statusBar, settingsVm.firstRun() ? Section.GET_STARTED : Section.ASSETS);
        Supplier<AssetsView> assetsView = FirstUse.of(() -> new AssetsView(assets, registerAsset, dialogs));
        // A page is one line: its view (built when first opened), how it follows a new session, and
        // how it shows the platform as it is now.
        pages = List.of(
                new Page(
                        Section.GET_STARTED,
                        () -> new GetStartedView(account, dialogs, () -> {
                            main.select(Section.ASSETS);
                            assetsView.get().openRegistration();
                        }),
                        account::connected,
                        Page.NOTHING_TO_REFRESH),
                new Page(
                        Section.ASSETS,
                        assetsView,
                        session -> {
                            assets.connect(creatorClient);
                            registerAsset.connect(creatorClient);
                        },
                        assets::refresh),
                new Page(
                        Section.RECEIPTS,
                        () -> new ReceiptsView(receipts, dialogs),
                        session -> {
                            receipts.connect(creatorClient);
                            receipts.markSandbox(session.embedded());
                        },
                        receipts::refresh),
                new Page(
                        Section.EARNINGS,
                        () -> new EarningsView(earnings, dialogs, receiptId -> {
                            main.select(Section.RECEIPTS);
                            receipts.reveal(receiptId);
                        }),
                        session -> earnings.connect(creatorClient),
                        earnings::refresh),
                new Page(
                        Section.PRICING,
                        () -> new PriceSimulatorView(pricing, dialogs),
                        session -> pricing.connect(creatorClient),
                        pricing::refresh),
                new Page(
                        Section.DEMOS,
                        () -> new DemosView(
                                demos, dialogs, url -> getHostServices().showDocument(url)),
                        session -> demos.connect(creatorClient, session.embedded() ? session.creatorKey() : null),
                        demos::refresh), // the verify demo moves to the newest receipt
                new Page(
                        Section.WEBHOOKS,
                        () -> new WebhooksView(webhooks),
                        session -> webhooks.connect(creatorClient),
                        webhooks::refresh),
                new Page(
                        Section.SETTINGS,
                        () -> new SettingsView(
                                settingsVm,
                                account,
                                trustedPlatforms,
                                backups,
                                platformDir.resolve("backups"),
                                dialogs),
                        session -> {
                            settingsVm.connected(session);
                            backups.connected(session);
                        },
                        Page.NOTHING_TO_REFRESH));
        // Opening a page shows the platform as it is now: what another party did meanwhile is there.
        main.selectedSectionProperty().addListener((obs, old, now) -> refresh(now));
        main.onReload(this::refresh);
        MainView mainView = new MainView(main, Page.views(pages));
        ThemeSwitch.follow(settingsVm.themeProperty(), mainView);
        Scene scene = new Scene(mainView, WIDTH, HEIGHT);
        scene.getStylesheets().add(App.class.getResource("app.css").toExternalForm());
        KeyboardShortcuts.install(scene, main);
        // Bundles dropped on the window open the reviewer's desk, with this computer's saved trust
        // only — not the trust this session gives its own sandbox.
        scene.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(javafx.scene.input.TransferMode.COPY);
            }
        });
        scene.setOnDragDropped(e -> {
            List<Path> files = e.getDragboard().hasFiles()
                    ? e.getDragboard().getFiles().stream()
                            .map(java.io.File::toPath)
                            .toList()
                    : List.of();
            if (!files.isEmpty()) {
                ReviewDesk.open(
                        new Stage(),
                        tasks,
                        new TrustStore(settings.dataDir(), Clock.systemUTC()),
                        settings.dataDir(),
                        dialogs,
                        files);
            }
            e.setDropCompleted(!files.isEmpty());
        });
        stage.setTitle("Royalty Desk");
        stage.setMinWidth(800);
        stage.setMinHeight(500);
        stage.setScene(scene);
        scene.addPostLayoutPulseListener(() -> StartupTimeline.mark("first frame laid out"));
        stage.show();
        StartupTimeline.mark("window shown");
        ErrorNotifier notifier = new ErrorNotifier(stage);
        tasks.onEveryFailure(notifier::show);
        if (settings.smokeTest()) {
            SmokeTest.watch(statusBar.statusProperty(), statusBar.messageProperty());
        }

        if (starting.makesDemoHistory()) {
            statusBar.starting("Preparing the sandbox's first start: a year of demo history — assets, receipts,"
                    + " usage, payouts and statements — made by the platform itself. A few seconds, once…");
        }
        tasks.run(() -> trusting(starting.await()), this::connectTo, statusBar::platformFailedToStart);
    }

    /** Begun by {@link Launcher} before the toolkit started, or now for tests and embedders. */
    private StartingSession startingSession() {
        if (presetSettings != null) {
            return StartingSession.begin(presetSettings);
        }
        StartingSession early = launchedWith;
        return early != null
                ? early
                : StartingSession.begin(AppSettings.parse(getParameters().getRaw(), System.getenv()));
    }

    /** Starts the app with its first session already on its way (the head start {@link Launcher} gives). */
    static void launch(AppSettings settings, String[] args) {
        launchedWith = StartingSession.begin(settings);
        Application.launch(App.class, args);
    }

    /** Points every view at {@code next}: at start, and whenever the user signs in or up. */
    private void connectTo(Session next) {
        StartupTimeline.mark("views connected");
        if (stopping) {
            return; // the window closed while the platform was starting; stop() closes it
        }
        closeClients();
        client = PlatformClient.connect(next.baseUrl());
        if (!next.embedded()) {
            trustStore.trustSessionSandbox(null);
            trustedPlatforms.offerPlatform(client); // first contact: show its keys and ask
        } else if (trustStore.sessionSandbox().isEmpty()) {
            tasks.run(() -> trusting(next), done -> receipts.refresh(), error -> {});
        }
        statusBar.connect(client, StatusBarViewModel.CHECK_INTERVAL);
        if (next.embedded()) {
            sessions.embeddedRebuilt().ifPresent(statusBar::platformRebuilt);
        }
        creatorClient = PlatformClient.connect(next.baseUrl(), next.creatorKey());
        pages.forEach(page -> page.connect().accept(next));
    }

    /**
     * The platform this app started itself is trusted for this session, as sandbox (SPEC §2a): its
     * receipts verify, marked as sandbox everywhere, and nothing is saved. A remote platform is
     * trusted only when the user says so (Settings → Trusted platforms).
     */
    private Session trusting(Session next) {
        if (next.embedded()) {
            try (PlatformClient platform = PlatformClient.connect(next.baseUrl())) {
                trustStore.trustSessionSandbox(TrustRoot.parse(platform.trustRoot(), "this app's own sandbox"));
            } catch (TrustRootException | RuntimeException e) {
                trustStore.trustSessionSandbox(null); // receipts then show as untrusted, which is the truth
            }
        }
        return next;
    }

    private void refresh(Section shown) {
        pages.stream()
                .filter(page -> page.section() == shown)
                .forEach(page -> page.refresh().run());
    }

    private void closeClients() {
        if (client != null) {
            client.close();
        }
        if (creatorClient != null) {
            creatorClient.close();
        }
    }

    @Override
    public void stop() {
        stopping = true;
        if (statusBar != null) {
            statusBar.stopMonitoring();
        }
        if (executors != null) {
            // Waits for a platform start still under way, so the platform closed below is the final one.
            executors.close();
        }
        closeClients();
        if (sessions != null) {
            sessions.close();
        }
    }
}
