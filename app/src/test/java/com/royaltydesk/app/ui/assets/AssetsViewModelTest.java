package com.royaltydesk.app.ui.assets;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.app.api.PlatformClient;
import com.royaltydesk.app.concurrency.AppExecutors;
import com.royaltydesk.app.concurrency.BackgroundTasks;
import com.royaltydesk.app.content.ContentHasher;
import com.royaltydesk.app.testutil.QueueExecutor;
import com.royaltydesk.app.ui.common.MoneyFormat;
import com.royaltydesk.platform.PlatformConfig;
import com.royaltydesk.platform.PlatformServer;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registering assets and listing them, against a real sandbox platform, no toolkit. */
class AssetsViewModelTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final AppExecutors executors = new AppExecutors();
    private final QueueExecutor uiThread = new QueueExecutor();
    private final BackgroundTasks tasks = new BackgroundTasks(executors.workers(), uiThread);
    private final AssetsViewModel assets = new AssetsViewModel(tasks, new MoneyFormat(Locale.US), new ContentHasher());
    private final RegisterAssetViewModel register =
            new RegisterAssetViewModel(tasks, new ContentHasher(), Locale.US, assets::refresh);
    private PlatformServer platform;
    private PlatformClient client;

    @BeforeEach
    void start() {
        platform = PlatformServer.start(PlatformConfig.embedded(dir.resolve("platform")));
        // A creator of its own: the sandbox's creator_42 already owns the demo dataset.
        String key;
        try (PlatformClient anonymous = PlatformClient.connect(platform.baseUrl())) {
            key = anonymous.signUp("Ada").apiKey();
        }
        client = PlatformClient.connect(platform.baseUrl(), key);
        assets.connect(client);
        register.connect(client);
        drainUntil(() -> assets.messageProperty().get().startsWith("No assets yet"));
    }

    @AfterEach
    void stop() {
        executors.close();
        client.close();
        platform.close();
    }

    private void drainUntil(BooleanSupplier condition) {
        uiThread.runUntil(condition, WAIT);
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    @Test
    void registerFile_hashedHereUploadedAndListedWithItsHashAndPriceModel() throws Exception {
        byte[] content = "a dataset of annotated images".getBytes();
        Path file = Files.write(dir.resolve("images-v1.tar"), content);

        register.choose(file);
        drainUntil(() -> register.canRegisterProperty().get());
        assertThat(register.content().summaryProperty().get()).startsWith("sha256:" + sha256(content));
        assertThat(register.form().nameProperty().get()).isEqualTo("images-v1.tar");
        register.form().nameProperty().set("Annotated images v1");
        register.register();
        drainUntil(() -> assets.rows().size() == 1);

        AssetsViewModel.Row row = assets.rows().get(0);
        assertThat(row.name()).isEqualTo("Annotated images v1");
        assertThat(row.sha256()).isEqualTo("sha256:" + sha256(content));
        assertThat(row.license()).isEqualTo("cc-by-4.0");
        assertThat(row.priceModel()).isEqualTo("0.0001 USD per token");
        assertThat(row.receipts()).isZero();
        assertThat(row.earnings()).isEqualTo("$0.00");
        assertThat(row.status()).isEqualTo("Content checked");
        assertThat(register.statusProperty().get()).contains("Registered “Annotated images v1”");
    }

    @Test
    void registerFolder_oneAssetPerFileNamedByPath() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("photos"));
        Files.writeString(folder.resolve("a.jpg"), "first photo");
        Files.writeString(folder.resolve("b.jpg"), "second photo");
        Files.writeString(folder.resolve(".hidden"), "not an asset");
        register.form().priceTypeProperty().set("rev_share");
        register.form().shareProperty().set("0.15");

        register.choose(folder);
        drainUntil(() -> register.canRegisterProperty().get());
        assertThat(register.content().summaryProperty().get()).startsWith("2 files");
        register.register();
        drainUntil(() -> assets.rows().size() == 2);

        assertThat(assets.rows()).extracting(AssetsViewModel.Row::name).containsExactly("photos/a.jpg", "photos/b.jpg");
        assertThat(assets.rows()).extracting(AssetsViewModel.Row::priceModel).containsOnly("15% of revenue");
    }

    @Test
    void badFields_messageBesideEachAndNothingRegistered() throws Exception {
        register.choose(Files.writeString(dir.resolve("x.txt"), "x"));
        drainUntil(() -> register.canRegisterProperty().get());

        register.form().rateProperty().set("abc");
        register.form().currencyProperty().set("XYZ");
        register.form().licenseProperty().set("my own license");
        register.form().nameProperty().set(" ");

        assertThat(register.form().errorProperty(PriceModelInput.RATE).get()).contains("Not a number");
        assertThat(register.form().errorProperty(PriceModelInput.CURRENCY).get())
                .contains("three letters");
        assertThat(register.form().errorProperty(AssetForm.LICENSE).get()).contains("licenseref-");
        assertThat(register.form().errorProperty(AssetForm.NAME).get()).contains("name");
        assertThat(register.canRegisterProperty().get()).isFalse();
        register.register();
        assets.refresh();
        drainUntil(() -> !assets.messageProperty().get().startsWith("Loading"));
        assertThat(assets.rows()).isEmpty();

        register.form().priceTypeProperty().set("rev_share");
        register.form().shareProperty().set("1.5");
        assertThat(register.form().errorProperty(PriceModelInput.SHARE).get()).contains("at most 1");
        assertThat(register.form().errorProperty(PriceModelInput.RATE).get())
                .as("rate does not apply to rev_share")
                .isEmpty();
    }

    @Test
    void cancel_whileHashingALargeFile_stopsAndNothingIsRegistered() throws Exception {
        Path big = dir.resolve("big.bin");
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(4L << 30); // 4 GiB, sparse: as slow to hash as a real one, instant to make
        }

        register.choose(big);
        drainUntil(() -> register.content().progressProperty().get() > 0);
        assertThat(register.content().progressTextProperty().get())
                .contains("of 4.3 GB")
                .contains("/s");
        register.cancelHashing();

        assertThat(register.content().hashingProperty().get()).isFalse();
        assertThat(register.statusProperty().get()).isEqualTo("Hashing cancelled. Nothing was registered.");
        assertThat(register.canRegisterProperty().get()).isFalse();
        assertThat(register.content().digests()).isNull();
    }

    @Test
    void sameContentAsAnotherCreator_platformsRefusalShownInWords() throws Exception {
        byte[] content = "shared bytes".getBytes();
        Path file = Files.write(dir.resolve("shared.bin"), content);
        register.choose(file);
        drainUntil(() -> register.canRegisterProperty().get());
        register.register();
        drainUntil(() -> assets.rows().size() == 1);

        try (PlatformClient other = PlatformClient.connect(
                platform.baseUrl(), client.signUp("Grace").apiKey())) {
            RegisterAssetViewModel theirs = new RegisterAssetViewModel(tasks, new ContentHasher(), Locale.US, () -> {});
            theirs.connect(other);
            theirs.choose(file);
            drainUntil(() -> theirs.canRegisterProperty().get());
            theirs.register();
            drainUntil(() -> theirs.statusProperty().get().startsWith("Not registered"));

            assertThat(theirs.statusProperty().get()).contains("already registered");
            assertThat(theirs.busyProperty().get()).isFalse();
        }
    }

    @Test
    void registerFolder_oneFileRefused_theOthersRegisteredAndTheRefusedOneNamedWithItsReason() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("songs"));
        Files.writeString(folder.resolve("a.mp3"), "first song");
        Path taken = Files.writeString(folder.resolve("b.mp3"), "a song someone else registered first");
        Files.writeString(folder.resolve("c.mp3"), "third song");
        try (PlatformClient other = PlatformClient.connect(
                platform.baseUrl(), client.signUp("Grace").apiKey())) {
            RegisterAssetViewModel theirs = new RegisterAssetViewModel(tasks, new ContentHasher(), Locale.US, () -> {});
            theirs.connect(other);
            theirs.choose(taken);
            drainUntil(() -> theirs.canRegisterProperty().get());
            theirs.register();
            drainUntil(() -> theirs.statusProperty().get().startsWith("Registered"));
        }

        register.choose(folder);
        drainUntil(() -> register.canRegisterProperty().get());
        register.register();
        drainUntil(() -> register.statusProperty().get().startsWith("Registered 2 of 3"));
        drainUntil(() -> assets.rows().size() == 2);

        assertThat(register.statusProperty().get())
                .contains("b.mp3: ")
                .contains("already registered")
                .doesNotContain("a.mp3")
                .endsWith("Press “Register and upload” to try these again.");
        assertThat(register.content().digests()).extracting(d -> d.name()).containsExactly("b.mp3");
        assertThat(register.content().summaryProperty().get()).isEqualTo("1 file still to register or upload");
        assertThat(register.canRegisterProperty().get()).isTrue();
        assertThat(assets.rows()).extracting(AssetsViewModel.Row::name).containsExactly("songs/a.mp3", "songs/c.mp3");
    }

    @Test
    void registerFolder_uploadFails_tryingAgainUploadsWithoutRegisteringTwice() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("texts"));
        Files.writeString(folder.resolve("a.txt"), "first text");
        Path changing = Files.writeString(folder.resolve("b.txt"), "second text");
        register.choose(folder);
        drainUntil(() -> register.canRegisterProperty().get());
        // Changed after it was hashed: the platform hashes what arrives and refuses the upload.
        Files.writeString(changing, "second text, edited after hashing");

        register.register();
        drainUntil(() -> register.statusProperty().get().startsWith("Registered 1 of 2"));
        assertThat(register.statusProperty().get()).contains("b.txt (registered, upload failed): ");
        drainUntil(() -> assets.rows().size() == 2);
        assertThat(assets.rows())
                .extracting(AssetsViewModel.Row::status)
                .containsExactly("Content checked", "Not uploaded");

        Files.writeString(changing, "second text"); // put back what was hashed
        register.register();
        drainUntil(() -> register.statusProperty().get().startsWith("Registered 1 asset"));
        drainUntil(() -> assets.rows().stream().allMatch(row -> row.status().equals("Content checked")));

        assertThat(assets.rows()).extracting(AssetsViewModel.Row::name).containsExactly("texts/a.txt", "texts/b.txt");
        assertThat(register.content().digests()).isNull();
    }

    @Test
    void uploadAgain_fromTheTable_wrongFileRefusedBeforeSending_rightFileUploadedAndChecked() throws Exception {
        Path file = Files.writeString(dir.resolve("essay.txt"), "an essay");
        register.choose(file);
        drainUntil(() -> register.canRegisterProperty().get());
        Files.writeString(file, "an essay, edited after hashing");
        register.register();
        drainUntil(() -> register.statusProperty().get().startsWith("Registered, but the upload failed: "));
        assertThat(register.statusProperty().get()).contains("does not match the registration");
        drainUntil(() -> assets.rows().size() == 1);
        AssetsViewModel.Row row = assets.rows().get(0);
        assertThat(row.awaitingUpload()).isTrue();

        assets.uploadAgain(row, Files.writeString(dir.resolve("other.txt"), "some other file"));
        drainUntil(() -> assets.messageProperty().get().contains("Nothing was uploaded"));
        assertThat(assets.messageProperty().get())
                .contains("other.txt is not the content registered as “essay.txt”")
                .contains(row.sha256());

        Files.writeString(file, "an essay");
        assets.uploadAgain(row, file);
        drainUntil(() -> assets.rows().get(0).status().equals("Content checked"));

        assertThat(assets.messageProperty().get()).startsWith("Uploaded the content of “essay.txt”");
        assertThat(assets.rows().get(0).awaitingUpload()).isFalse();
    }
}
