package com.royaltydesk.app;

import com.royaltydesk.verify.BundleReport;
import com.royaltydesk.verify.BundleVerifier;
import com.royaltydesk.verify.ReceiptVerifier;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * {@code royalty-desk verify <bundle.json>…}: checks receipt bundles with no network and no window,
 * prints every check, and exits 0 only if every bundle verified — for reviewers' scripts.
 */
final class VerifyCommand {

    static final String NAME = "verify";

    private VerifyCommand() {}

    static int run(List<String> files, PrintStream out) {
        if (files.isEmpty()) {
            out.println("Usage: royalty-desk verify <bundle.json> [more bundles…]");
            return 2;
        }
        BundleVerifier verifier = new BundleVerifier(new ReceiptVerifier(Clock.systemUTC(), null));
        boolean allVerified = true;
        for (String file : files) {
            String bundle;
            try {
                bundle = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            } catch (IOException e) {
                out.println(file + ": cannot read (" + e.getMessage() + ")");
                allVerified = false;
                continue;
            }
            BundleReport report = verifier.verify(bundle);
            out.println(file + ": " + (report.verified() ? "VERIFIED" : "NOT VERIFIED (" + report.status() + ")"));
            for (BundleReport.Check check : report.checks()) {
                out.println("  " + (check.passed() ? "[ok]  " : "[FAIL]") + " " + check.name() + ": " + check.detail());
            }
            allVerified &= report.verified();
        }
        return allVerified ? 0 : 1;
    }
}
