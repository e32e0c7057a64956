package com.royaltydesk.app.ui.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.app.ReviewApp;
import com.royaltydesk.app.review.ReviewReport;
import com.royaltydesk.app.testutil.AnsweringDialogs;
import com.royaltydesk.app.testutil.FxThreadRobot;
import com.royaltydesk.verify.testsupport.Forger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A reviewer with no account and no platform: {@code royalty-desk review FILE…} opens the Review
 * window, the verdict comes first in words, a platform is trusted only after its keys were shown,
 * their own file is compared, and the report is exported and read back.
 */
class ReviewWindowTest extends FxThreadRobot {

    @TempDir
    Path dir;

    private final AnsweringDialogs dialogs = new AnsweringDialogs();
    private ReviewApp app;

    private void launch(List<Path> files) throws Exception {
        FxToolkit.registerPrimaryStage();
        app = (ReviewApp) FxToolkit.setupApplication(
                () -> new ReviewApp(new ReviewApp.Request(dir.resolve("reviewer"), files), dialogs));
    }

    @AfterEach
    void close() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
            FxToolkit.cleanupStages();
        }
    }

    private String text(String id) {
        return lookup(id).queryAs(Label.class).getText();
    }

    private void awaitText(String id, String part) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> text(id).contains(part));
        WaitForAsyncUtils.waitForFxEvents(); // the rest of the page is set in the same event
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void genuineBundle_untrustedUntilThePlatformIsTrusted_thenVerifiedComparedAndReported() throws Exception {
        byte[] content = "the dataset the reviewer holds\n".getBytes(StandardCharsets.UTF_8);
        Path mine = Files.write(dir.resolve("dataset.csv"), content);
        Path other = Files.write(dir.resolve("another.csv"), "something else".getBytes(StandardCharsets.UTF_8));
        Forger.Forgery genuine = Forger.genuineNaming("sha256:" + sha256(content));
        Path bundle = write("receipt.bundle.json", genuine.bundle());
        launch(List.of(bundle));

        awaitText("#review-verdict", "Not verified: no platform you trust signed this");
        assertThat(text("#review-meaning")).contains("Keys carried inside a bundle are never trusted");
        assertThat(Files.exists(dir.resolve("reviewer/platform")))
                .as("no platform started")
                .isFalse();

        // Trusting is never silent: the keys are shown, and only "yes" trusts.
        dialogs.trustRootToOpen = write("platform-trust-root.json", genuine.trustRoot());
        clickOn("#review-trust");
        clickOn("#trust-from-file");
        awaitText("#review-trust-question", "Trust this platform?");
        assertThat(text("#review-trust-question"))
                .contains("thumbprint")
                .contains("SHA-256")
                .contains("live");
        assertThat(text("#review-verdict")).startsWith("Not verified");
        clickOn("#review-trust-yes");
        awaitText("#review-verdict", "Verified: this receipt is evidence");
        assertThat(text("#review-statement"))
                .contains("urn:royaltydesk:test vouches that dataset ds_b")
                .contains("sha256:" + sha256(content));
        assertThat(text("#review-platform")).contains("thumbprint").contains("Trust root: from file");
        assertThat(text("#review-log")).contains("Entry 1 of the log").contains("tree of 2 entries");
        assertThat(lookup("#review-verdict").queryAs(Label.class).getAccessibleText())
                .startsWith("Verdict: Verified");

        dialogs.fileToCompare = other;
        clickOn("#review-compare-file");
        awaitText("#review-comparison", "Different content");
        dialogs.fileToCompare = mine;
        clickOn("#review-compare-file");
        awaitText("#review-comparison", "Same content");

        // Keyboard only: Ctrl+E exports.
        Path pdf = dir.resolve("case-file.pdf");
        dialogs.pdfToSave = pdf;
        press(KeyCode.CONTROL, KeyCode.E).release(KeyCode.E, KeyCode.CONTROL);
        awaitText("#review-message", "Report written");
        try (var document = Loader.loadPDF(pdf.toFile())) {
            assertThat(new PDFTextStripper().getText(document))
                    .contains("Verified: this receipt is evidence")
                    .contains("Same content")
                    .contains("SHA-256 " + sha256(Files.readAllBytes(bundle)));
        }
    }

    @Test
    void severalBundles_oneVerdictEach_theRightOneFirst() throws Exception {
        Forger.Forgery genuine = Forger.genuine();
        Forger.Forgery sandbox = Forger.sandboxReceiptToLiveRoot();
        Forger.Forgery forged = Forger.foreignKeySameKid();
        // This computer trusts the platforms these came from, as a reviewer who said yes before would.
        var store = new com.royaltydesk.app.verify.TrustStore(dir.resolve("reviewer"), java.time.Clock.systemUTC());
        for (Forger.Forgery f : List.of(genuine, sandbox, forged)) {
            store.add(com.royaltydesk.verify.trust.TrustRoot.parse(f.trustRoot(), "test"), false);
        }
        Path untrusted = write("untrusted.bundle.json", Forger.genuine().bundle());
        List<Path> files = new ArrayList<>(List.of(
                write("genuine.bundle.json", genuine.bundle()),
                write("sandbox.bundle.json", sandbox.bundle()),
                write("forged.bundle.json", forged.bundle()),
                untrusted));
        launch(files);

        ListView<?> list = lookup("#review-bundles").queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> list.getItems().size() == 4);
        List<String> verdicts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int row = i;
            interact(() -> list.getSelectionModel().select(row));
            WaitForAsyncUtils.waitForFxEvents();
            verdicts.add(text("#review-verdict"));
        }
        assertThat(verdicts)
                .containsExactly(
                        "Verified: this receipt is evidence",
                        "Sandbox receipt: not evidence",
                        "Not verified: no platform you trust signed this",
                        "Not verified: no platform you trust signed this");
        // Keyboard only: the list moves with the arrow keys.
        clickOn(list.lookup(".list-cell"));
        type(KeyCode.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text("#review-verdict")).isEqualTo("Sandbox receipt: not evidence");
    }

    @Test
    void forkedLog_saidFirstAndLoud() throws Exception {
        Forger.Forgery fork = Forger.forkSameSize();
        var store = new com.royaltydesk.app.verify.TrustStore(dir.resolve("reviewer"), java.time.Clock.systemUTC());
        store.add(com.royaltydesk.verify.trust.TrustRoot.parse(fork.trustRoot(), "test"), false);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < fork.seenFirst().size(); i++) {
            files.add(write("seen-" + i + ".bundle.json", fork.seenFirst().get(i)));
        }
        files.add(write("forked.bundle.json", fork.bundle()));
        launch(files);

        ListView<?> list = lookup("#review-bundles").queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> list.getItems().size() == files.size());
        interact(() -> list.getSelectionModel().select(files.size() - 1));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text("#review-verdict")).isEqualTo("Log forked: the platform showed two histories");
        assertThat(text("#review-consistency")).startsWith("NOT consistent");
    }

    @Test
    void checkOnline_theRealPlatformsLogGrew_stillConsistent_andTheReportSaysSo() throws Exception {
        Path platformDir = dir.resolve("platform");
        try (var platform = com.royaltydesk.platform.PlatformServer.start(
                        com.royaltydesk.platform.PlatformConfig.embedded(platformDir));
                var client = com.royaltydesk.app.api.PlatformClient.connect(
                        platform.baseUrl(), com.royaltydesk.app.testutil.SandboxCalls.creatorKey(platformDir))) {
            String receiptId =
                    com.royaltydesk.app.testutil.SandboxCalls.recordReceipt(platform.baseUrl(), platformDir, "m");
            Path bundle = write("receipt.bundle.json", client.bundle(receiptId));
            for (int i = 0; i < 3; i++) {
                com.royaltydesk.app.testutil.SandboxCalls.recordReceipt(platform.baseUrl(), platformDir, "m" + i);
            }
            new com.royaltydesk.app.verify.TrustStore(dir.resolve("reviewer"), java.time.Clock.systemUTC())
                    .add(
                            com.royaltydesk.verify.trust.TrustRoot.parse(
                                    client.trustRoot(), platform.baseUrl() + "/.well-known/rdk-trust-root.json"),
                            false);
            launch(List.of(bundle));
            awaitText("#review-verdict", "Sandbox receipt: not evidence");

            dialogs.address = platform.baseUrl();
            clickOn("#review-online");

            awaitText("#review-consistency", "Checked online at " + platform.baseUrl());
            assertThat(text("#review-consistency")).contains("still consistent").contains("consistency proof holds");
            Path pdf = dir.resolve("online.pdf");
            dialogs.pdfToSave = pdf;
            clickOn("#review-export");
            awaitText("#review-message", "Report written");
            var json = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(ReviewReport.jsonBeside(pdf).toFile());
            assertThat(json.at("/review/online/consistent").asBoolean()).isTrue();
            assertThat(json.at("/review/online/newest_tree_size").asLong())
                    .isGreaterThan(json.at("/review/online/bundle_tree_size").asLong());
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
