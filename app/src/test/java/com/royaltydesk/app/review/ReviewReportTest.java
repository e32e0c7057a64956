package com.royaltydesk.app.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.royaltydesk.app.content.ContentHasher;
import com.royaltydesk.app.verify.ReceiptChecker;
import com.royaltydesk.app.verify.TrustStore;
import com.royaltydesk.verify.ReceiptStatus;
import com.royaltydesk.verify.state.FileCheckpointMemory;
import com.royaltydesk.verify.testsupport.Forger;
import com.royaltydesk.verify.trust.TrustRoot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report a reviewer files: its commands, run here with the standard tools they name, print
 * exactly what the report says they print; its PDF reads back with the verdict, the bundle's hash on
 * every page, page numbers and the commands; its JSON says the same.
 */
class ReviewReportTest {

    @TempDir
    Path dir;

    private Path bundleFile;
    private Path dataset;
    private ReviewedBundle reviewed;

    @BeforeEach
    void checkAGenuineBundleAndCompareTheDataset() throws Exception {
        byte[] content = "rows of a licensed dataset\n".getBytes(StandardCharsets.UTF_8);
        dataset = Files.write(dir.resolve("my copy of the dataset.csv"), content);
        Forger.Forgery genuine = Forger.genuineNaming("sha256:" + sha256(content));
        Path root = Files.writeString(dir.resolve("platform-trust-root.json"), genuine.trustRoot());
        bundleFile = Files.writeString(dir.resolve("receipt.bundle.json"), genuine.bundle());
        TrustStore trust = new TrustStore(dir.resolve("app"), Clock.systemUTC());
        trust.add(TrustRoot.parse(genuine.trustRoot(), "file " + root), false);
        ReceiptChecker checker =
                new ReceiptChecker(Clock.systemUTC(), trust, new FileCheckpointMemory(dir.resolve("checkpoints")));
        ReceiptChecker.Checked checked = checker.checkFile(bundleFile);
        assertThat(checked.report().status()).isEqualTo(ReceiptStatus.VERIFIED);
        ReviewedBundle plain =
                new ReviewedBundle(bundleFile, sha256(Files.readAllBytes(bundleFile)), checked, Instant.now());
        reviewed = plain.comparedWith(
                new Comparison(dataset, new ContentHasher().hash(dataset, (done, total) -> {}), plain.provenContent()));
        assertThat(reviewed.comparison().match()).isPresent();
    }

    @Test
    void everyCommand_runWithStandardTools_printsWhatTheReportClaims() throws Exception {
        List<Reproduction.Command> commands = Reproduction.of(reviewed);
        assertThat(commands)
                .extracting(Reproduction.Command::expected)
                .contains(
                        "Signature Verified Successfully",
                        reviewed.fileSha256() + "  " + bundleFile,
                        reviewed.comparison().match().orElseThrow().sha256Hex() + "  " + dataset);
        Path work = Files.createDirectory(dir.resolve("work"));
        int compared = 0;
        for (Reproduction.Command command : commands) {
            if (command.script().startsWith("royalty-desk") || command.script().startsWith("#")) {
                continue; // this tool itself, or a library: not a standard tool
            }
            Run run = bash(work, command.script());
            assertThat(run.exit()).as(command.purpose() + "\n" + run.output()).isZero();
            if (command.expected() != null) {
                assertThat(run.output().strip()).as(command.purpose()).isEqualTo(command.expected());
                compared++;
            }
        }
        assertThat(compared).as("bundle, leaf, signature, trust root, dataset").isEqualTo(5);
        String claims = bash(work, commands.get(2).script()).output();
        assertThat(new ObjectMapper()
                        .readTree(claims)
                        .at("/payload/dataset_sha256")
                        .asText())
                .isEqualTo(reviewed.provenContent());
    }

    @Test
    void signatureCommand_onAnAlteredReceipt_fails() throws Exception {
        List<Reproduction.Command> commands = Reproduction.of(reviewed);
        Path work = Files.createDirectory(dir.resolve("work"));
        assertThat(bash(work, commands.get(1).script()).exit()).isZero();
        String jwt = Files.readString(work.resolve("receipt.jwt"));
        String[] parts = jwt.split("\\.");
        String altered = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("ds_b", "ds_x");
        Files.writeString(
                work.resolve("receipt.jwt"),
                parts[0] + "."
                        + java.util.Base64.getUrlEncoder()
                                .withoutPadding()
                                .encodeToString(altered.getBytes(StandardCharsets.UTF_8))
                        + "." + parts[2]);
        Reproduction.Command signature = commands.stream()
                .filter(c -> "Signature Verified Successfully".equals(c.expected()))
                .findFirst()
                .orElseThrow();

        Run run = bash(work, signature.script());

        assertThat(run.exit()).as(run.output()).isNotZero();
        assertThat(run.output()).doesNotContain("Signature Verified Successfully");
    }

    @Test
    void pdfAndJson_sayTheSameAndNameTheBundleOnEveryPage() throws Exception {
        Path pdf = dir.resolve("case 17 review.pdf");

        ReviewReport.write(reviewed, "9.9.9-test", pdf);

        String text;
        int pages;
        try (var document = Loader.loadPDF(pdf.toFile())) {
            pages = document.getNumberOfPages();
            text = new PDFTextStripper().getText(document);
        }
        assertThat(text)
                .contains("Verified: this receipt is evidence")
                .contains("urn:royaltydesk:test vouches that dataset ds_b")
                .contains("Same content")
                .contains("PASSED")
                .contains("openssl pkeyutl -verify")
                .contains("Signature Verified Successfully")
                .contains("Royalty Desk 9.9.9-test")
                .contains("case 17 review.json");
        for (int page = 1; page <= pages; page++) {
            assertThat(text).contains("Page " + page + " of " + pages);
        }
        int headers = text.split("SHA-256 " + reviewed.fileSha256(), -1).length - 1;
        assertThat(headers).as("the bundle's hash heads every page").isEqualTo(pages);

        JsonNode json = new ObjectMapper().readTree(ReviewReport.jsonBeside(pdf).toFile());
        assertThat(json.path("verdict").asText()).isEqualTo("VERIFIED");
        assertThat(json.at("/review/bundle_sha256").asText()).isEqualTo(reviewed.fileSha256());
        assertThat(json.at("/review/comparison/same").asBoolean()).isTrue();
        assertThat(json.at("/review/headline").asText()).isEqualTo("Verified: this receipt is evidence");
        assertThat(json.at("/review/reproduce"))
                .hasSize(Reproduction.of(reviewed).size());
    }

    private record Run(int exit, String output) {}

    private static Run bash(Path work, String script) throws Exception {
        Process process = new ProcessBuilder("bash", "-c", script)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
