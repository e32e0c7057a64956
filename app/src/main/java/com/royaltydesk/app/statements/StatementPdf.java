package com.royaltydesk.app.statements;

import com.royaltydesk.app.api.Statement;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Currency;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * A settled period's statements as a PDF: one section per currency with every line and every
 * receipt behind it, the opening balance, what was payable, paid and carried, and the platform's digest — the same numbers as the
 * platform's JSON and CSV, written as exact decimals with the currency code (no rounding, no
 * locale guesswork in a document that may be filed).
 */
public final class StatementPdf {

    private static final float MARGIN = 50;
    private static final float LINE = 14;
    private static final float[] COLUMNS = {MARGIN, 115, 250, 375, 425};
    private static final float RIGHT_EDGE = PDRectangle.A4.getWidth() - MARGIN;
    private static final PDType1Font REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private static final PDType1Font BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private static final PDType1Font MONO = new PDType1Font(Standard14Fonts.FontName.COURIER);

    private StatementPdf() {}

    public static void write(List<Statement> statements, Path file) throws IOException {
        if (statements.isEmpty()) {
            throw new IOException("there is no statement to write");
        }
        try (PDDocument document = new PDDocument()) {
            for (Statement statement : statements) {
                new Writer(document).statement(statement);
            }
            document.getDocumentInformation()
                    .setTitle("Royalty Desk statement " + statements.get(0).period());
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

        void statement(Statement s) throws IOException {
            newPage();
            text(BOLD, 16, MARGIN, "Royalty Desk statement");
            down(LINE * 1.6f);
            text(
                    REGULAR,
                    10,
                    MARGIN,
                    "Creator " + s.creatorId() + "   Period " + s.period() + "   Currency " + s.currency());
            down(LINE);
            text(REGULAR, 10, MARGIN, "Settlement " + s.settlementId());
            down(LINE * 1.6f);
            row(BOLD, "Kind", "Asset", "Model", "Events", "Tokens", "Amount");
            for (Statement.Line line : s.lines()) {
                row(
                        REGULAR,
                        line.kind(),
                        orDash(line.assetId()),
                        orDash(line.modelId()),
                        Long.toString(line.events()),
                        Long.toString(line.tokens()),
                        money(line.amount(), line.currency()));
                receipts(line.receiptIds());
            }
            down(LINE * 0.6f);
            total("Opening balance", s.openingBalance(), s.currency());
            total("Payable", s.payable(), s.currency());
            total("Paid", s.paid(), s.currency());
            total(
                    "Carried to next period" + (s.carryReason() == null ? "" : " (" + s.carryReason() + ")"),
                    s.carried(),
                    s.currency());
            down(LINE);
            text(BOLD, 10, MARGIN, "Digest (SHA-256 over the canonical lines, as the platform computed it)");
            down(LINE);
            text(MONO, 9, MARGIN, s.digest());
            down(LINE * 1.4f);
            text(
                    REGULAR,
                    8,
                    MARGIN,
                    "Every usage line names the receipts that earned it, all of them; each receipt can be"
                            + " checked with its bundle, offline (royalty-desk review).");
            page.close();
        }

        /**
         * Every receipt behind a usage line, so each amount leads to the evidence that earned it — all
         * of them, continued over as many lines and pages as it takes, never cut off.
         */
        private void receipts(List<String> receiptIds) throws IOException {
            if (receiptIds.isEmpty()) {
                return;
            }
            float size = 7;
            int perLine = (int) ((RIGHT_EDGE - COLUMNS[1]) / (MONO.getStringWidth("m") / 1000 * size));
            StringBuilder line = new StringBuilder("Receipts (" + receiptIds.size() + "): ");
            for (int i = 0; i < receiptIds.size(); i++) {
                String next = receiptIds.get(i) + (i < receiptIds.size() - 1 ? ", " : "");
                if (line.length() + next.length() > perLine && line.length() > 0) {
                    receiptLine(line.toString(), size);
                    line.setLength(0);
                }
                line.append(next);
            }
            receiptLine(line.toString(), size);
        }

        private void receiptLine(String text, float size) throws IOException {
            ensureRoom();
            text(MONO, size, COLUMNS[1], text);
            down(LINE * 0.7f);
        }

        private void total(String label, BigDecimal amount, String currency) throws IOException {
            ensureRoom();
            text(REGULAR, 10, COLUMNS[0], label);
            rightAligned(BOLD, 10, money(amount, currency));
            down(LINE);
        }

        /** A table row; the last cell, the amount, is right-aligned so decimals line up by their end. */
        private void row(PDType1Font font, String... cells) throws IOException {
            ensureRoom();
            for (int i = 0; i < cells.length - 1; i++) {
                text(font, 9, COLUMNS[i], fit(cells[i], 22));
            }
            rightAligned(font, 9, fit(cells[cells.length - 1], 40));
            down(LINE);
        }

        private void rightAligned(PDType1Font font, float size, String value) throws IOException {
            float width = font.getStringWidth(printable(value)) / 1000 * size;
            text(font, size, RIGHT_EDGE - width, value);
        }

        private void ensureRoom() throws IOException {
            if (y < MARGIN + LINE * 3) {
                page.close();
                newPage();
            }
        }

        private void newPage() throws IOException {
            PDPage next = new PDPage(PDRectangle.A4);
            document.addPage(next);
            page = new PDPageContentStream(document, next);
            y = next.getMediaBox().getHeight() - MARGIN;
        }

        private void text(PDType1Font font, float size, float x, String value) throws IOException {
            page.beginText();
            page.setFont(font, size);
            page.newLineAtOffset(x, y);
            page.showText(printable(value));
            page.endText();
        }

        private void down(float by) {
            y -= by;
        }
    }

    /** An exact amount with at least the currency's minor digits and its code: {@code 3.8936 USD}, {@code 3.00 USD}. */
    static String money(BigDecimal amount, String currency) {
        BigDecimal exact = (amount == null ? BigDecimal.ZERO : amount).stripTrailingZeros();
        int minor = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        if (exact.scale() < minor) {
            exact = exact.setScale(minor);
        }
        return exact.toPlainString() + " " + currency;
    }

    private static String orDash(String value) {
        return value == null || value.isBlank() ? "-" : value;
    }

    private static String fit(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max - 1) + "~";
    }

    /** The standard PDF fonts cover Latin-1; anything else is shown as '?', never dropped silently. */
    private static String printable(String value) {
        StringBuilder text = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            text.append(c >= 0x20 && c <= 0xFF ? c : '?');
        }
        return text.toString();
    }
}
