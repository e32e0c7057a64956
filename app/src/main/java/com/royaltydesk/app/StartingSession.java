package com.royaltydesk.app;

import com.royaltydesk.app.account.AccountStore;
import com.royaltydesk.app.account.Session;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The session the app opens at start, prepared on a thread of its own from the moment it is begun:
 * {@link Launcher} begins it before the JavaFX toolkit starts, so starting the embedded platform
 * (about 1.5 s) runs alongside the toolkit and the window instead of after them.
 */
final class StartingSession {

    private final AppSettings settings;
    private final AccountStore accounts;
    private final Sessions sessions;
    private final CompletableFuture<Session> first = new CompletableFuture<>();
    /** Decided before the platform starts, since starting it creates the database this looks for. */
    private final boolean makesDemoHistory;

    private StartingSession(AppSettings settings) {
        this.settings = settings;
        this.accounts = new AccountStore(settings.dataDir());
        this.sessions = new Sessions(settings.platformDataDir(), accounts, settings.demoHistory());
        this.makesDemoHistory = sessions.makesDemoHistory();
    }

    static StartingSession begin(AppSettings settings) {
        StartingSession starting = new StartingSession(settings);
        Thread thread = new Thread(starting::prepare, "session-at-start");
        thread.setDaemon(true); // a window closed meanwhile must not wait for it to exit the JVM
        thread.start();
        return starting;
    }

    private void prepare() {
        try {
            Session session = sessions.atStart();
            StartupTimeline.mark("platform ready");
            first.complete(session);
        } catch (Exception | Error e) {
            first.completeExceptionally(e);
        }
    }

    AppSettings settings() {
        return settings;
    }

    /** Whether this start makes the sandbox's year of demo history (a first start takes a few seconds more). */
    boolean makesDemoHistory() {
        return makesDemoHistory;
    }

    AccountStore accounts() {
        return accounts;
    }

    Sessions sessions() {
        return sessions;
    }

    /** Waits for it: call on a worker. Throws what starting it threw. */
    Session await() throws Exception {
        try {
            return first.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
