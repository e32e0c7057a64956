package com.royaltydesk.app.review;

import com.royaltydesk.verify.BundleReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * The review report as a PDF a reviewer attaches to a case: the verdict first in plain words, then
 * what the receipt states, who vouches, where it is in the log, the file comparison, every check,
 * the claims as signed, and the commands that repeat the checks. Every page names the bundle file
 * and its SHA-256 and carries "page n of N". Black text only, PASSED/FAILED in words: it reads the
 * same printed in black and white.
 */
final class ReviewReportPdf {

    private static final float MARGIN = 50;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
    private static final PDType1Font REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private static final PDType1Font BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private static final PDType1Font MONO = new PDType1Font(Standard14Fonts.FontName.COURIER);

    private ReviewReportPdf() {}

    static void write(ReviewedBundle bundle, String toolVersion, Path file, String jsonName) throws IOException {
        try (PDDocument document = new PDDocument()) {
            Writer writer = new Writer(document);
            writer.body(bundle, toolVersion, jsonName);
            writer.finish();
            writer.headersAndPageNumbers(
                    "Royalty Desk review report - " + bundle.file().getFileName(), "SHA-256 " + bundle.fileSha256());
            document.getDocumentInformation()
                    .setTitle("Royalty Desk review report: " + bundle.file().getFileName());
            document.save(file.toFile());
        }
    }

    /** Writes top to bottom, starting a new page when the current one is full. */
    private static final class Writer {
        private final PDDocument document;
        private PDPageContentStream page;
        private float y;

        Writer(PDDocument document) {
            this.document = document;
        }

        void body(ReviewedBundle bundle, String toolVersion, String jsonName) throws IOException {
            BundleReport report = bundle.report();
            newPage();
            paragraph(BOLD, 16, ReviewWords.headline(report), 20);
            paragraph(REGULAR, 10, ReviewWords.meaning(report), 13);
            gap();
            section("What the receipt states");
            paragraph(REGULAR, 10, ReviewWords.statement(report).orElse("The receipt could not be read."), 13);
            section("Who vouches for it");
            paragraph(REGULAR, 10, ReviewWords.platform(report), 13);
            section("Where it is in the log");
            paragraph(
                    REGULAR,
                    10,
                    ReviewWords.logPosition(report).orElse("The log was not reached: an earlier check failed."),
                    13);
            for (String words : ReviewWords.consistency(report).stream().toList()) {
                paragraph(REGULAR, 10, words, 13);
            }
            paragraph(
                    REGULAR,
                    10,
                    bundle.online() == null
                            ? "Not checked online: the comparison above is with what this computer saw before."
                            : bundle.online().words(),
                    13);
            section("Your own copy of the dataset");
            paragraph(
                    REGULAR,
                    10,
                    bundle.comparison() == null
                            ? "No file was compared with the receipt."
                            : bundle.comparison().words(),
                    13);
            section("Every check");
            for (BundleReport.Check check : report.checks()) {
                paragraph(
                        REGULAR,
                        9,
                        (check.passed() ? "PASSED  " : "FAILED  ") + check.name() + " - " + check.detail(),
                        12);
            }
            if (report.receipt() != null && report.receipt().payload() != null) {
                section("The claims as signed");
                claims("", report.receipt().payload());
            }
            section("Repeat these checks yourself");
            paragraph(
                    REGULAR,
                    9,
                    "In an empty folder, in a POSIX shell, run each step in order; each must print what follows"
                            + " \"prints\". Lines too long for the page continue indented; " + jsonName
                            + " beside this file holds every command exactly.",
                    12);
            int step = 1;
            for (Reproduction.Command command : Reproduction.of(bundle)) {
                paragraph(BOLD, 9, step++ + ". " + command.purpose(), 12);
                for (String line : command.script().split("\n")) {
                    mono(line);
                }
                if (command.expected() != null) {
                    paragraph(REGULAR, 9, "prints:", 12);
                    mono(command.expected());
                }
            }
            gap();
            paragraph(
                    REGULAR,
                    9,
                    "Checked " + ReviewWords.when(bundle.checkedAt()) + " with " + ReviewReport.tool(toolVersion)
                            + ", offline, against the trust roots held on this computer.",
                    12);
        }

        void finish() throws IOException {
            page.close();
        }

        /** Every page: the bundle named at the top, "page n of N" at the bottom. */
        void headersAndPageNumbers(String title, String hash) throws IOException {
            int pages = document.getNumberOfPages();
            for (int i = 0; i < pages; i++) {
                PDPage each = document.getPage(i);
                try (PDPageContentStream stream =
                        new PDPageContentStream(document, each, PDPageContentStream.AppendMode.APPEND, true, true)) {
                    float top = each.getMediaBox().getHeight() - 28;
                    show(stream, BOLD, 8, MARGIN, top, printable(title));
                    show(stream, MONO, 7, MARGIN, top - 10, printable(hash));
                    show(stream, REGULAR, 8, MARGIN, 24, "Page " + (i + 1) + " of " + pages);
                }
            }
        }

        private void claims(String prefix, Map<String, Object> values) throws IOException {
            for (Map.Entry<String, Object> entry : values.entrySet()) {
                if (entry.getValue() instanceof Map<?, ?> nested) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> inner = (Map<String, Object>) nested;
                    claims(prefix + entry.getKey() + ".", inner);
                } else {
                    mono(prefix + entry.getKey() + ": " + entry.getValue());
                }
            }
        }

        private void section(String title) throws IOException {
            gap();
            paragraph(BOLD, 11, title, 15);
        }

        private void gap() {
            y -= 6;
        }

        /** Wrapped to the page; a line break in the text starts a new line. */
        private void paragraph(PDType1Font font, float size, String text, float leading) throws IOException {
            for (String part : text.split("\n")) {
                for (String line : wrap(font, size, printable(part), WIDTH)) {
                    room(leading);
                    show(page, font, size, MARGIN, y, line);
                    y -= leading;
                }
            }
        }

        /** Monospaced, cut at the page edge and continued indented, never dropped. */
        private void mono(String text) throws IOException {
            float size = 7.5f;
            int perLine = (int) (WIDTH / (MONO.getStringWidth("m") / 1000 * size));
            String rest = printable(text);
            boolean first = true;
            do {
                int take = Math.min(rest.length(), first ? perLine : perLine - 4);
                room(10);
                show(page, MONO, size, MARGIN, y, (first ? "" : "    ") + rest.substring(0, take));
                y -= 10;
                rest = rest.substring(take);
                first = false;
            } while (!rest.isEmpty());
        }

        private void room(float needed) throws IOException {
            if (y - needed < MARGIN) {
                page.close();
                newPage();
            }
        }

        private void newPage() throws IOException {
            PDPage next = new PDPage(PDRectangle.A4);
            document.addPage(next);
            page = new PDPageContentStream(document, next);
            y = next.getMediaBox().getHeight() - MARGIN - 20;
        }
    }

    private static void show(PDPageContentStream stream, PDType1Font font, float size, float x, float y, String text)
            throws IOException {
        stream.beginText();
        stream.setFont(font, size);
        stream.newLineAtOffset(x, y);
        stream.showText(text);
        stream.endText();
    }

    /** Words to lines no wider than {@code width}; a word longer than a line is cut, not lost. */
    static List<String> wrap(PDType1Font font, float size, String text, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (widthOf(font, size, candidate) <= width) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (!line.isEmpty()) {
                lines.add(line.toString());
                line.setLength(0);
            }
            String rest = word;
            while (widthOf(font, size, rest) > width) {
                int cut = rest.length() - 1;
                while (cut > 1 && widthOf(font, size, rest.substring(0, cut)) > width) {
                    cut--;
                }
                lines.add(rest.substring(0, cut));
                rest = rest.substring(cut);
            }
            line.append(rest);
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static float widthOf(PDType1Font font, float size, String text) throws IOException {
        return font.getStringWidth(text) / 1000 * size;
    }

    /** The standard PDF fonts cover Latin-1; anything else is shown as '?', never dropped silently. */
    static String printable(String value) {
        StringBuilder text = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            if (c == '\u2014' || c == '\u2013') {
                text.append('-');
            } else {
                text.append(c >= 0x20 && c <= 0xFF ? c : '?');
            }
        }
        return text.toString();
    }
}
