package com.royaltydesk.platform.billing;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Statements as CSV, for spreadsheets and accountants: per currency the opening balance, one row
 * per line (every receipt id, space-separated), what was paid, what was carried and why, and the
 * statement's digest. A cell with a comma or a quote is quoted, its quotes doubled.
 */
public final class StatementCsv {

    private StatementCsv() {}

    public static String render(List<StatementService.Statement> statements) {
        StringBuilder csv = new StringBuilder("currency,kind,asset_id,model_id,receipt_ids,events,tokens,amount,ref\n");
        for (StatementService.Statement s : statements) {
            csv.append(row(
                    s.currency(),
                    "opening_balance",
                    "",
                    "",
                    "",
                    "",
                    "",
                    s.openingBalance().toPlainString(),
                    ""));
            for (StatementService.Line l : s.lines()) {
                csv.append(row(
                        s.currency(),
                        l.kind(),
                        nz(l.assetId()),
                        nz(l.modelId()),
                        l.receiptIds().stream().collect(Collectors.joining(" ")),
                        Long.toString(l.events()),
                        Long.toString(l.tokens()),
                        l.amount().toPlainString(),
                        nz(l.ref())));
            }
            csv.append(row(s.currency(), "paid", "", "", "", "", "", s.paid().toPlainString(), ""));
            csv.append(row(
                    s.currency(),
                    "carried:" + s.carryReason(),
                    "",
                    "",
                    "",
                    "",
                    "",
                    s.carried().toPlainString(),
                    ""));
            csv.append(row(s.currency(), "digest", "", "", "", "", "", "", s.digest()));
        }
        return csv.toString();
    }

    private static String row(String... cells) {
        return Arrays.stream(cells).map(StatementCsv::cell).collect(Collectors.joining(",")) + "\n";
    }

    private static String cell(String value) {
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}
