package com.royaltydesk.app.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.royaltydesk.app.cli.VerdictJson;
import com.royaltydesk.app.content.FileDigest;
import com.royaltydesk.verify.trust.TrustPolicy;
import com.royaltydesk.verify.trust.TrustRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The report for a case file, as JSON: the {@code verify --json} object for the bundle (stable
 * fields scripts already read) with a {@code review} object added — the words, the trust root's
 * source and SHA-256, the file comparison, when and with what it was checked, and the commands that
 * repeat each check. {@link ReviewReportPdf} prints the same content.
 */
public final class ReviewReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReviewReport() {}

    public static ObjectNode json(ReviewedBundle bundle, String toolVersion) {
        ObjectNode node = VerdictJson.of(bundle.file(), bundle.report());
        ObjectNode review = node.putObject("review");
        review.put("tool", tool(toolVersion));
        review.put("checked_at", bundle.checkedAt().toString());
        review.put("bundle_file", bundle.file().toString());
        review.put("bundle_sha256", bundle.fileSha256());
        review.put("evidence", ReviewWords.isEvidence(bundle.report()));
        review.put("headline", ReviewWords.headline(bundle.report()));
        review.put("meaning", ReviewWords.meaning(bundle.report()));
        review.put("statement", ReviewWords.statement(bundle.report()).orElse(null));
        review.put("platform", ReviewWords.platform(bundle.report()));
        review.put("log_position", ReviewWords.logPosition(bundle.report()).orElse(null));
        review.put("consistency", ReviewWords.consistency(bundle.report()).orElse(null));
        TrustPolicy.Found found = bundle.report().receipt() == null
                ? null
                : bundle.report().receipt().vouchedBy();
        if (found != null) {
            TrustRoot root = found.held().root();
            review.putObject("trust_root")
                    .put("issuer", root.issuer())
                    .put("source", root.source())
                    .put("sha256", root.fingerprint());
        }
        if (bundle.comparison() != null) {
            Comparison comparison = bundle.comparison();
            ObjectNode compared = review.putObject("comparison");
            compared.put("source", comparison.source().toString());
            compared.put("proven_content", comparison.proven());
            compared.put("same", comparison.match().isPresent());
            compared.put("words", comparison.words());
            ArrayNode files = compared.putArray("files");
            for (FileDigest digest : comparison.digests()) {
                files.addObject()
                        .put("name", digest.name())
                        .put("sha256", digest.contentHash())
                        .put("size_bytes", digest.sizeBytes());
            }
        }
        if (bundle.online() != null) {
            OnlineCheck online = bundle.online();
            review.putObject("online")
                    .put("address", online.address())
                    .put("checked_at", online.at().toString())
                    .put("consistent", online.result().consistent())
                    .put("bundle_tree_size", online.result().bundleSize())
                    .put("newest_tree_size", online.result().newestSize())
                    .put("detail", online.result().detail())
                    .put("words", online.words());
        }
        ArrayNode commands = review.putArray("reproduce");
        for (Reproduction.Command command : Reproduction.of(bundle)) {
            commands.addObject()
                    .put("purpose", command.purpose())
                    .put("script", command.script())
                    .put("expected", command.expected());
        }
        return node;
    }

    /** Writes {@code report.pdf} and, beside it, the same content as {@code report.json}. */
    public static void write(ReviewedBundle bundle, String toolVersion, Path pdf) throws IOException {
        // Each file appears whole or not at all: a case file must never hold half a report, and
        // whoever watches the folder (a reviewer's sync client, a test) sees only finished files.
        Path pdfPart = partOf(pdf);
        ReviewReportPdf.write(
                bundle, toolVersion, pdfPart, jsonBeside(pdf).getFileName().toString());
        Files.move(pdfPart, pdf, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Path json = jsonBeside(pdf);
        Path jsonPart = partOf(json);
        Files.writeString(
                jsonPart, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json(bundle, toolVersion)));
        Files.move(jsonPart, json, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Path partOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".part");
    }

    /** {@code case-1.pdf} → {@code case-1.json}. */
    public static Path jsonBeside(Path pdf) {
        String name = pdf.getFileName().toString();
        String stem =
                name.toLowerCase(java.util.Locale.ROOT).endsWith(".pdf") ? name.substring(0, name.length() - 4) : name;
        return pdf.resolveSibling(stem + ".json");
    }

    static String tool(String version) {
        return "Royalty Desk " + version;
    }
}
