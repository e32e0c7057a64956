package com.royaltydesk.app;

import com.royaltydesk.app.account.Account;
import com.royaltydesk.app.account.AccountStore;
import com.royaltydesk.app.account.Session;
import com.royaltydesk.app.embedded.EmbeddedPlatform;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the app connects: the saved sign-in at start — a remote platform, or a creator on the
 * bundled sandbox — or else the sandbox's demo creator. The embedded platform starts the first time
 * a sandbox session needs it and stops with the app. Every method may block: call them on a worker.
 */
final class Sessions implements AutoCloseable {

    private final Path platformDataDir;
    private final AccountStore accounts;
    private final boolean demoHistory;
    private EmbeddedPlatform embedded;
    private boolean closed;

    Sessions(Path platformDataDir, AccountStore accounts, boolean demoHistory) {
        this.platformDataDir = platformDataDir;
        this.accounts = accounts;
        this.demoHistory = demoHistory;
    }

    /** Whether the embedded platform's next start makes a year of demo history (slower: a few seconds). */
    boolean makesDemoHistory() {
        return EmbeddedPlatform.willMakeDemoHistory(platformDataDir, demoHistory);
    }

    /** The session to open at start. A remote sign-in does not start the embedded platform at all. */
    Session atStart() throws IOException {
        Optional<Account> saved = accounts.load();
        if (saved.isPresent() && saved.get().remote()) {
            Account remote = saved.get();
            return new Session(remote.platformUrl(), remote.creatorId(), remote.apiKey(), accounts.file(), null);
        }
        EmbeddedPlatform platform = embedded();
        if (saved.isPresent()) {
            Account creator = saved.get();
            return new Session(
                    platform.baseUrl(), creator.creatorId(), creator.apiKey(), accounts.file(), keys(platform));
        }
        return demo(platform);
    }

    /** The bundled sandbox, signed in as its demo creator. */
    Session sandboxDemo() {
        return demo(embedded());
    }

    /**
     * A new bundled sandbox in place of this one: the running one stops, its folder is deleted, a
     * saved sign-in to it is forgotten (its creator is gone with it), and the new one starts — with
     * a fresh demo history when this app makes one. Returns its demo creator's session.
     */
    synchronized Session resetSandbox() throws IOException {
        if (embedded != null) {
            embedded.close();
            embedded = null;
        }
        Optional<Account> saved = accounts.load();
        if (saved.isPresent() && !saved.get().remote()) {
            accounts.clear();
        }
        if (java.nio.file.Files.exists(platformDataDir)) {
            try (var files = java.nio.file.Files.walk(platformDataDir)) {
                for (Path file :
                        files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    java.nio.file.Files.delete(file);
                }
            }
        }
        return demo(embedded());
    }

    /** The bundled platform's words about the demo history it made at start, if it did. */
    synchronized java.util.Optional<String> embeddedDemoHistory() {
        return embedded == null ? java.util.Optional.empty() : embedded.demoHistory();
    }

    /** The bundled platform's words about a database it rebuilt at start, if it did (empty before it starts). */
    synchronized java.util.Optional<String> embeddedRebuilt() {
        return embedded == null ? java.util.Optional.empty() : embedded.rebuilt();
    }

    private synchronized EmbeddedPlatform embedded() {
        if (closed) {
            throw new IllegalStateException("the app is closing");
        }
        if (embedded == null) {
            embedded = EmbeddedPlatform.start(platformDataDir, demoHistory);
        }
        return embedded;
    }

    private static Session demo(EmbeddedPlatform platform) {
        return new Session(
                platform.baseUrl(),
                platform.sandboxCreatorId(),
                platform.sandboxCreatorKey(),
                platform.sandboxCredentialsFile(),
                keys(platform),
                true);
    }

    private static Session.SandboxKeys keys(EmbeddedPlatform platform) {
        return new Session.SandboxKeys(platform.sandboxPlatformKey(), platform.sandboxHostKey());
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (embedded != null) {
            embedded.close();
            embedded = null;
        }
    }
}
