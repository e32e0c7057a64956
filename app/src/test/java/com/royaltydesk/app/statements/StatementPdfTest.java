package com.royaltydesk.app.statements;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.app.api.Statement;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every amount in the statement PDF leads to the receipts that earned it: all of them, over as many pages as it takes. */
class StatementPdfTest {

    @TempDir
    Path dir;

    @Test
    void usageLine_namesEveryReceipt_evenPastOnePage() throws Exception {
        List<String> receipts = IntStream.range(0, 1_500)
                .mapToObj(i -> String.format("pt_receipt%06d", i))
                .toList();
        List<Statement.Line> lines = new ArrayList<>();
        lines.add(new Statement.Line(
                "usage",
                "ds_a",
                "model-1",
                receipts,
                receipts.size(),
                1_500,
                150_000,
                new BigDecimal("15"),
                "USD",
                null));
        lines.add(new Statement.Line("payout", null, null, List.of(), 0, 0, 0, new BigDecimal("-15"), "USD", "set_1"));
        Statement statement = new Statement(
                "creator_42",
                "2026-10",
                "USD",
                "set_1",
                BigDecimal.ZERO,
                lines,
                2,
                null,
                new BigDecimal("15"),
                new BigDecimal("15.00"),
                BigDecimal.ZERO,
                "none",
                "ab".repeat(32));
        Path file = dir.resolve("statement.pdf");

        StatementPdf.write(List.of(statement), file);

        String text;
        int pages;
        try (var pdf = Loader.loadPDF(file.toFile())) {
            pages = pdf.getNumberOfPages();
            text = new PDFTextStripper().getText(pdf);
        }
        assertThat(pages).as("1,500 receipts do not fit one page").isGreaterThan(1);
        assertThat(text).contains("Receipts (1500)");
        String compact = text.replaceAll("\\s", "");
        for (String receipt : receipts) {
            assertThat(compact).contains(receipt);
        }
        assertThat(text).contains("ab".repeat(32));
    }
}
