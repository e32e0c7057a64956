package com.royaltydesk.app.ui.account;

import com.royaltydesk.app.account.Account;
import com.royaltydesk.app.account.AccountStore;
import com.royaltydesk.app.account.SandboxDemo;
import com.royaltydesk.app.account.Session;
import com.royaltydesk.app.api.CreatorProfile;
import com.royaltydesk.app.api.Payouts;
import com.royaltydesk.app.api.PlatformClient;
import com.royaltydesk.app.api.Settlement;
import com.royaltydesk.app.api.SignUp;
import com.royaltydesk.app.concurrency.BackgroundTasks;
import com.royaltydesk.app.ui.common.MoneyFormat;
import java.net.URI;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Who the app is signed in as, and changing it: sign up as a new creator on the bundled sandbox,
 * sign in to a remote platform with an API key (checked before it is saved), or go back to the
 * sandbox's demo creator. Also shows KYC status, and on the sandbox plays the model host for demos.
 */
public final class AccountViewModel {

    private final BackgroundTasks tasks;
    private final AccountStore store;
    private final Consumer<Session> switcher;
    private final Callable<Session> demoSession;
    private final Callable<Session> resetSandbox;

    private final ReadOnlyStringWrapper identity = new ReadOnlyStringWrapper("Not connected yet.");
    private final ReadOnlyStringWrapper kyc = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper embedded = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper demoCreator = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final StringProperty displayName = new SimpleStringProperty("");
    private final StringProperty remoteUrl = new SimpleStringProperty("");
    private final StringProperty remoteKey = new SimpleStringProperty("");
    private Session session;

    /**
     * @param switcher reconnects the whole app to a new session; runs on the UI thread
     * @param demoSession the bundled sandbox as its demo creator, starting it if needed; runs on a worker
     * @param resetSandbox a new bundled sandbox (with a fresh demo history) in place of this one, as
     *     its demo creator; runs on a worker
     */
    public AccountViewModel(
            BackgroundTasks tasks,
            AccountStore store,
            Consumer<Session> switcher,
            Callable<Session> demoSession,
            Callable<Session> resetSandbox) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.store = Objects.requireNonNull(store, "store");
        this.switcher = Objects.requireNonNull(switcher, "switcher");
        this.demoSession = Objects.requireNonNull(demoSession, "demoSession");
        this.resetSandbox = Objects.requireNonNull(resetSandbox, "resetSandbox");
    }

    /** The app is now connected as {@code now}; shows who that is and their KYC status. */
    public void connected(Session now) {
        session = Objects.requireNonNull(now, "now");
        embedded.set(now.embedded());
        demoCreator.set(now.demoCreator());
        identity.set(now.creatorId());
        kyc.set("Checking…");
        tasks.run(
                () -> {
                    try (PlatformClient client = PlatformClient.connect(now.baseUrl(), now.creatorKey())) {
                        return client.me();
                    }
                },
                profile -> showProfile(now, profile),
                error -> kyc.set("Unknown: " + error.getMessage()));
    }

    private void showProfile(Session shown, CreatorProfile profile) {
        if (shown != session) {
            return;
        }
        String name = profile.displayName() == null || profile.displayName().isBlank()
                ? profile.creatorId()
                : profile.displayName() + " (" + profile.creatorId() + ")";
        identity.set(name + (demoCreator.get() ? " — the sandbox's demo creator" : ""));
        kyc.set(
                switch (profile.kycStatus() == null ? "" : profile.kycStatus().toLowerCase(Locale.ROOT)) {
                    case "verified" -> "Verified: payouts can be made to you.";
                    case "pending" ->
                        "Pending: you can register assets and earn now; payouts wait until it is verified.";
                    case "rejected" -> "Rejected: payouts are blocked. Contact the platform to resolve it.";
                    default -> "Unknown (" + profile.kycStatus() + ")";
                });
    }

    /** Signs up a new creator on the bundled sandbox and signs the app in as them. */
    public void signUp() {
        if (session == null || !session.embedded() || busy.get()) {
            return;
        }
        Session current = session;
        String name = displayName.get() == null ? "" : displayName.get().strip();
        run("Signing up…", () -> {
            SignUp created;
            try (PlatformClient anonymous = PlatformClient.connect(current.baseUrl())) {
                created = anonymous.signUp(name.isEmpty() ? null : name);
            }
            store.save(new Account(null, created.creatorId(), created.apiKey()));
            return new Session(
                    current.baseUrl(), created.creatorId(), created.apiKey(), store.file(), current.sandbox());
        });
    }

    /** Checks the URL and key against the remote platform, then saves them and signs in. */
    public void signInRemote() {
        String url = remoteUrl.get() == null ? "" : remoteUrl.get().strip();
        String key = remoteKey.get() == null ? "" : remoteKey.get().strip();
        String problem = checkRemote(url, key);
        if (problem != null) {
            message.set(problem);
            return;
        }
        if (busy.get()) {
            return;
        }
        String base = url.replaceAll("/+$", "");
        run("Checking " + base + "…", () -> {
            CreatorProfile profile;
            try (PlatformClient remote = PlatformClient.connect(base, key)) {
                profile = remote.me();
            }
            store.save(new Account(base, profile.creatorId(), key));
            return new Session(base, profile.creatorId(), key, store.file(), null);
        });
    }

    static String checkRemote(String url, String key) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return "That is not a URL; write it like https://platform.example.com.";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            return "Write the platform's address with https://, like https://platform.example.com.";
        }
        if (key.isEmpty()) {
            return "Paste your creator API key.";
        }
        return null;
    }

    /** Forgets the saved sign-in and goes back to the bundled sandbox's demo creator. */
    public void useSandboxDemo() {
        if (busy.get()) {
            return;
        }
        run("Switching to the bundled sandbox…", () -> {
            store.clear();
            return demoSession.call();
        });
    }

    /**
     * Sandbox only (asked first by the view): the bundled sandbox's data is deleted and a new one
     * starts, with a fresh year of demo history; the app signs in as its demo creator.
     */
    public void resetSandbox() {
        if (busy.get() || session == null || !session.embedded()) {
            return;
        }
        run("Resetting the sandbox: a new one is being made, with a fresh year of demo history…", resetSandbox);
    }

    private void run(String progress, Callable<Session> work) {
        busy.set(true);
        message.set(progress);
        tasks.run(
                work,
                next -> {
                    busy.set(false);
                    message.set("");
                    remoteKey.set("");
                    switcher.accept(next);
                },
                error -> {
                    busy.set(false);
                    message.set(error.getMessage());
                });
    }

    /** Sandbox only: a model host records training on each of this creator's checked assets. */
    public void simulateTraining() {
        demo(client -> {
            int recorded = new SandboxDemo(session.baseUrl(), session.sandbox())
                    .recordTraining(
                            session.creatorId(), client.assets(null, 200).assets());
            return recorded == 0
                    ? "No asset with uploaded content yet: register one first."
                    : "Recorded " + recorded + (recorded == 1 ? " training receipt" : " training receipts")
                            + " for model " + SandboxDemo.MODEL + ". See Receipts.";
        });
    }

    /** Sandbox only: the model host reports usage of each of this creator's receipts. */
    public void simulateUsage() {
        demo(client -> {
            int accepted = new SandboxDemo(session.baseUrl(), session.sandbox())
                    .sendUsage(client.receipts(null, 500, null).receipts());
            return accepted == 0
                    ? "No receipts yet: simulate training first."
                    : accepted + " usage events counted. See Earnings.";
        });
    }

    /** Sandbox only: the platform operator settles last month — its payout and statement appear. */
    public void settleLastMonth() {
        demo(client -> {
            Settlement settled = new SandboxDemo(session.baseUrl(), session.sandbox())
                    .settleLastMonth(LocalDate.now(java.time.ZoneOffset.UTC));
            String me = session.creatorId();
            Optional<Payouts.Payout> mine = settled.payouts().stream()
                    .filter(p -> me.equals(p.creatorId()))
                    .findFirst();
            MoneyFormat money = new MoneyFormat(Locale.getDefault());
            return "Settled " + settled.period() + ". "
                    + mine.map(p -> "Your payout: " + money.format(p.amount(), p.currency()) + ", " + p.status() + ".")
                            .orElse("No payout for you this month (nothing earned, or under the payout threshold).")
                    + " See Earnings and Statements.";
        });
    }

    @FunctionalInterface
    private interface DemoStep {
        String apply(PlatformClient creator) throws Exception;
    }

    private void demo(DemoStep step) {
        if (session == null || !session.embedded() || busy.get()) {
            return;
        }
        Session current = session;
        busy.set(true);
        message.set("Working…");
        tasks.run(
                () -> {
                    try (PlatformClient creator = PlatformClient.connect(current.baseUrl(), current.creatorKey())) {
                        return step.apply(creator);
                    }
                },
                done -> {
                    busy.set(false);
                    message.set(done);
                },
                error -> {
                    busy.set(false);
                    message.set(error.getMessage());
                });
    }

    public ReadOnlyStringProperty identityProperty() {
        return identity.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty kycProperty() {
        return kyc.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty embeddedProperty() {
        return embedded.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty demoCreatorProperty() {
        return demoCreator.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public StringProperty displayNameProperty() {
        return displayName;
    }

    public StringProperty remoteUrlProperty() {
        return remoteUrl;
    }

    public StringProperty remoteKeyProperty() {
        return remoteKey;
    }
}
