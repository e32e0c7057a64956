package com.royaltydesk.app.ui.settings;

import com.royaltydesk.app.api.PlatformClient;
import com.royaltydesk.app.concurrency.BackgroundTasks;
import com.royaltydesk.app.verify.TrustRootWords;
import com.royaltydesk.app.verify.TrustStore;
import com.royaltydesk.verify.trust.TrustRoot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Settings → Trusted platforms (SPEC §2a): the platforms this user trusts, importing a trust-root
 * file, and removing one. Nothing is trusted silently: a root from a file or from a platform the app
 * connects to is shown first — where it came from, its key thumbprints, windows and environments,
 * its SHA-256 — and is added only when the user says so.
 */
public final class TrustedPlatformsViewModel {

    private final BackgroundTasks tasks;
    private final TrustStore store;
    private final ObservableList<TrustStore.Entry> trusted = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper pending = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper asking = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private TrustRoot candidate;

    public TrustedPlatformsViewModel(BackgroundTasks tasks, TrustStore store) {
        this.tasks = tasks;
        this.store = store;
        reload();
    }

    /** Reads a trust-root file and asks about it. */
    public void importFile(Path file) {
        tasks.run(
                () -> TrustRoot.parse(Files.readString(file, StandardCharsets.UTF_8), "file " + file),
                this::ask,
                error -> message.set("Not a usable trust root: " + error.getMessage()));
    }

    /**
     * When the app connects to a remote platform it does not trust yet, it fetches that platform's
     * root and asks (first contact). A platform already trusted is not asked about again.
     */
    public void offerPlatform(PlatformClient client) {
        tasks.run(
                () -> {
                    // Read and compared on the worker: the store is files.
                    TrustRoot root = TrustRoot.parse(client.trustRoot(), client.baseUrl());
                    boolean held = root.log() != null
                            && store.forOrigin(root.log().origin()).isPresent();
                    return held ? null : root;
                },
                root -> {
                    if (root != null) {
                        ask(root);
                        message.set(
                                "This platform is not trusted yet: its receipts show as untrusted until you decide.");
                    }
                },
                error -> message.set("Could not read the platform's trust root: " + error.getMessage()));
    }

    /** The user said yes to what is shown. */
    public void trustPending() {
        TrustRoot root = candidate;
        if (root == null) {
            return;
        }
        tasks.run(
                () -> store.add(root, false),
                entry -> {
                    clearPending();
                    reload();
                    message.set("Trusted " + entry.issuer() + " (" + entry.origin() + ").");
                },
                error -> message.set("Could not save: " + error.getMessage()));
    }

    public void dismissPending() {
        clearPending();
        message.set("Not trusted.");
    }

    public void remove(TrustStore.Entry entry) {
        if (entry == null) {
            return;
        }
        tasks.run(
                () -> {
                    store.remove(entry.fingerprint());
                    return entry;
                },
                removed -> {
                    reload();
                    message.set("No longer trusted: " + removed.issuer() + " (" + removed.origin() + ").");
                },
                error -> message.set("Could not remove: " + error.getMessage()));
    }

    private void ask(TrustRoot root) {
        candidate = root;
        pending.set(describe(root));
        asking.set(true);
    }

    private void clearPending() {
        candidate = null;
        pending.set("");
        asking.set(false);
    }

    /** Reads the store on a worker; saved roots that no longer match what was approved are named. */
    private void reload() {
        tasks.run(
                () -> {
                    store.policy(); // checks every saved root against what the user approved
                    return store.entries();
                },
                entries -> {
                    trusted.setAll(entries);
                    if (!store.problems().isEmpty()) {
                        message.set("Refused: " + String.join("\n", store.problems()));
                    }
                },
                error -> message.set("Could not read the trusted platforms: " + error.getMessage()));
    }

    /** What the user reads before saying yes (see {@link TrustRootWords}). */
    static String describe(TrustRoot root) {
        return TrustRootWords.question(root);
    }

    public ObservableList<TrustStore.Entry> trusted() {
        return trusted;
    }

    public ReadOnlyStringProperty pendingProperty() {
        return pending.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty askingProperty() {
        return asking.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
