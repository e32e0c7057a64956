package com.royaltydesk.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.royaltydesk.app.verify.TrustStore;
import com.royaltydesk.verify.BundleReport;
import com.royaltydesk.verify.BundleVerifier;
import com.royaltydesk.verify.ReceiptStatus;
import com.royaltydesk.verify.note.NoteException;
import com.royaltydesk.verify.note.NoteKey;
import com.royaltydesk.verify.state.FileCheckpointMemory;
import com.royaltydesk.verify.trust.TrustPolicy;
import com.royaltydesk.verify.trust.TrustRootException;
import com.royaltydesk.verify.trust.TrustedKey;
import com.royaltydesk.verify.trust.WitnessPolicy;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code royalty-desk verify} (SPEC §2a): checks receipt bundles with no window and, unless a
 * {@code --trust} URL is given, no network. Trust comes from {@code --trust} or, without it, from
 * the platforms trusted in the app (none on a fresh machine). Exit 0 only when every bundle
 * verified; 1 when a check failed (or a log forked); 2 when untrusted, sandbox, unwitnessed or the
 * key was not valid then; 64 for a usage error.
 */
public final class VerifyCommand {

    public static final String NAME = "verify";
    public static final int VERIFIED = 0;
    public static final int FAILED = 1;
    public static final int UNTRUSTED = 2;
    public static final int USAGE = 64;

    private VerifyCommand() {}

    /** Runs with the app's data folder {@code appDataDir} as the default trust store. */
    public static int run(List<String> args, PrintStream out, Path appDataDir) {
        VerifyOptions options;
        try {
            options = VerifyOptions.parse(args);
        } catch (VerifyOptions.UsageException e) {
            out.println("royalty-desk verify: " + e.getMessage());
            out.println(VerifyOptions.USAGE);
            return USAGE;
        }
        TrustPolicy policy;
        try {
            policy = policy(options, appDataDir);
        } catch (TrustRootException e) {
            out.println("royalty-desk verify: trust root refused: " + e.getMessage());
            return UNTRUSTED;
        } catch (NoteException | IllegalArgumentException e) {
            out.println("royalty-desk verify: bad witness key: " + e.getMessage());
            return USAGE;
        }
        BundleVerifier verifier = new BundleVerifier(
                Clock.systemUTC(), policy, options.state() == null ? null : new FileCheckpointMemory(options.state()));
        int exit = VERIFIED;
        ArrayNode results = new ObjectMapper().createArrayNode();
        if (policy.roots().isEmpty() && !options.json()) {
            out.println("No trust root held: give --trust FILE_OR_URL, or trust a platform in the app first.");
        }
        for (Path file : options.bundles()) {
            BundleReport report = check(verifier, file);
            exit = worse(exit, exitFor(report));
            if (options.json()) {
                results.add(VerdictJson.of(file, report));
            } else {
                print(out, file, report);
            }
        }
        if (options.json()) {
            out.println(results.toPrettyString());
        }
        return exit;
    }

    private static BundleReport check(BundleVerifier verifier, Path file) {
        try {
            if (Files.size(file) > BundleVerifier.MAX_BYTES) {
                return unreadable("larger than " + BundleVerifier.MAX_BYTES + " bytes");
            }
            return verifier.verify(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return unreadable("cannot read (" + e.getMessage() + ")");
        }
    }

    private static BundleReport unreadable(String why) {
        return new BundleReport(
                ReceiptStatus.MALFORMED,
                null,
                null,
                List.of(new BundleReport.Check("bundle is readable", false, why)),
                null);
    }

    static TrustPolicy policy(VerifyOptions options, Path appDataDir) throws TrustRootException, NoteException {
        List<TrustPolicy.Held> roots = new ArrayList<>();
        if (options.trust().isEmpty()) {
            roots.addAll(new TrustStore(appDataDir, Clock.systemUTC()).policy().roots());
        }
        for (String source : options.trust()) {
            roots.add(new TrustPolicy.Held(TrustSources.load(source), false));
        }
        List<NoteKey> witnesses = new ArrayList<>();
        for (String vkey : options.witnesses()) {
            witnesses.add(NoteKey.parse(vkey));
        }
        int required = options.witnessesRequired() == null ? witnesses.size() : options.witnessesRequired();
        return new TrustPolicy(roots, new WitnessPolicy(witnesses, required));
    }

    static int exitFor(BundleReport report) {
        if (report.verified()) {
            return VERIFIED;
        }
        return report.status().isTrustVerdict() ? UNTRUSTED : FAILED;
    }

    /** A failed check outranks "untrusted", which outranks "verified". */
    private static int worse(int a, int b) {
        return a == FAILED || b == FAILED ? FAILED : Math.max(a, b);
    }

    private static void print(PrintStream out, Path file, BundleReport report) {
        out.println(file + ": " + report.headline());
        if (report.verified()) {
            TrustedKey key = report.receipt().vouchedBy().key();
            out.println("  vouched for by "
                    + report.receipt().vouchedBy().held().root().source() + ": key " + key.describe());
            out.println("  in log " + report.log().origin() + ", entry "
                    + report.log().logIndex() + " of " + report.log().treeSize() + ", checkpoint signed "
                    + report.log().checkpointTime());
        }
        for (BundleReport.Check check : report.checks()) {
            out.println("  " + (check.passed() ? "[ok]  " : "[FAIL]") + " " + check.name() + ": " + check.detail());
        }
        if (report.forkEvidence() != null) {
            out.println("  LOG FORKED: evidence saved to " + report.forkEvidence());
        }
    }
}
