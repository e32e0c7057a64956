package com.royaltydesk.app.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.app.account.Session;
import com.royaltydesk.app.concurrency.AppExecutors;
import com.royaltydesk.app.concurrency.BackgroundTasks;
import com.royaltydesk.app.embedded.EmbeddedPlatform;
import com.royaltydesk.app.embedded.PendingRestore;
import com.royaltydesk.app.testutil.QueueExecutor;
import com.royaltydesk.app.testutil.SandboxCalls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against the real bundled platform, no toolkit: a backup written while it runs, restored at the next start. */
class BackupsViewModelTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final AppExecutors executors = new AppExecutors();
    private final QueueExecutor uiThread = new QueueExecutor();
    private EmbeddedPlatform platform;

    @AfterEach
    void stop() {
        executors.close();
        if (platform != null) {
            platform.close();
        }
    }

    private Path platformDir() {
        return dir.resolve("platform");
    }

    private BackupsViewModel viewModel() {
        Path platformDir = platformDir();
        return new BackupsViewModel(
                new BackgroundTasks(executors.workers(), uiThread), new BackupsViewModel.Restores() {
                    @Override
                    public void schedule(Path backup) throws IOException {
                        PendingRestore.schedule(platformDir, backup);
                    }

                    @Override
                    public Optional<String> lastRestore() throws IOException {
                        return PendingRestore.lastRestore(platformDir);
                    }
                });
    }

    private Session demoSession() {
        return new Session(
                platform.baseUrl(),
                platform.sandboxCreatorId(),
                platform.sandboxCreatorKey(),
                platform.sandboxCredentialsFile(),
                new Session.SandboxKeys(platform.sandboxPlatformKey(), platform.sandboxHostKey()),
                true);
    }

    private int receiptStatus(String receiptId) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(platform.baseUrl() + "/v1/receipts/" + receiptId))
                                .header("Authorization", "Bearer " + platform.sandboxPlatformKey())
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void backUpNow_thenRestoreChosen_theNextStartIsTheBackedUpPlatform() throws Exception {
        platform = EmbeddedPlatform.start(platformDir());
        String before = SandboxCalls.recordReceipt(platform.baseUrl(), platformDir(), "model-b");
        BackupsViewModel backups = viewModel();
        backups.connected(demoSession());

        backups.backUpNow();
        uiThread.runUntil(() -> backups.messageProperty().get().startsWith("Backup written to"), WAIT);

        String message = backups.messageProperty().get();
        Path file = Path.of(message.substring("Backup written to ".length(), message.indexOf(" (")));
        assertThat(file).exists().startsWith(platformDir().resolve("backups"));
        String after = SandboxCalls.recordReceipt(platform.baseUrl(), platformDir(), "model-b");

        backups.restoreAtNextStart(file);
        uiThread.runUntil(() -> backups.messageProperty().get().startsWith("Chosen: "), WAIT);
        platform.close();
        platform = EmbeddedPlatform.start(platformDir());

        assertThat(receiptStatus(before)).isEqualTo(200);
        assertThat(receiptStatus(after)).as("made after the backup: not in it").isEqualTo(404);
        assertThat(PendingRestore.scheduled(platformDir())).isEmpty();
        BackupsViewModel afterRestart = viewModel();
        uiThread.runUntil(() -> afterRestart.messageProperty().get().startsWith("Restored the backup of"), WAIT);
        try (var files = Files.list(platformDir())) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .anyMatch(name -> name.startsWith("royaltydesk.mv.db.before-restore-"));
        }
    }

    @Test
    void remotePlatform_noBackupsOffered() {
        BackupsViewModel backups = viewModel();
        backups.connected(new Session("https://platform.example", "creator_1", "rdk_live_x", dir.resolve("a"), null));

        backups.backUpNow();

        assertThat(backups.availableProperty().get()).isFalse();
        assertThat(backups.busyProperty().get()).isFalse();
        assertThat(backups.messageProperty().get()).isEmpty();
    }
}
