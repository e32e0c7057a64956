package com.royaltydesk.app.verify;

import com.royaltydesk.app.api.PlatformClient;
import com.royaltydesk.app.api.ReceiptSummary;
import com.royaltydesk.verify.BundleReport;
import com.royaltydesk.verify.BundleVerifier;
import com.royaltydesk.verify.ReceiptStatus;
import com.royaltydesk.verify.ReceiptVerifier;
import com.royaltydesk.verify.state.CheckpointMemory;
import com.royaltydesk.verify.state.ConsistencyProofs;
import com.royaltydesk.verify.trust.TrustPolicy;
import com.royaltydesk.verify.trust.TrustRoot;
import com.royaltydesk.verify.trust.TrustRootException;
import com.royaltydesk.verify.trust.TrustedKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The app's receipt checks, all done by the {@code receipt-verifier} module on the user's machine
 * against the platforms the user trusts ({@link TrustStore}) — never against keys a platform or a
 * bundle hands over. Live receipts are checked through their bundles, and each checkpoint met is
 * proven consistent with the newest one this machine remembers ({@link CheckpointMemory}).
 */
public final class ReceiptChecker {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withZone(ZoneId.systemDefault());

    private final Clock clock;
    private final ReceiptVerifier signatures;
    private final TrustStore trust;
    private final CheckpointMemory memory;

    public ReceiptChecker(Clock clock, TrustStore trust, CheckpointMemory memory) {
        this.clock = clock;
        this.signatures = new ReceiptVerifier(clock);
        this.trust = trust;
        this.memory = memory;
    }

    /**
     * Checks a receipt live: its bundle from the platform, the checkpoint proven consistent with
     * what this machine saw (the proof fetched from the platform). A receipt by a key the held root
     * does not list yet makes the app fetch the platform's root once: a rotation is taken only if
     * the new root keeps every old key ({@link TrustStore#update}).
     */
    public Checked checkLive(PlatformClient client, String receiptId) {
        String bundle = client.bundle(receiptId);
        ConsistencyProofs online = (origin, first, second) -> Optional.of(client.consistency(first, second));
        BundleReport report = verifier().verify(bundle, online);
        if (report.status() == ReceiptStatus.UNTRUSTED_SIGNER && refreshRoot(client)) {
            report = verifier().verify(bundle, online);
        }
        return new Checked(bundle, report, describe(report));
    }

    /**
     * The signature-level verdict of many receipts at once against the held trust roots — no
     * network per receipt: the table's "Signature" column and state filter. The full check with
     * the log proof runs when a receipt is selected.
     */
    public Map<String, ReceiptStatus> checkSignatures(PlatformClient client, List<ReceiptSummary> receipts) {
        TrustPolicy policy = trust.policy();
        boolean unknown = receipts.stream()
                .anyMatch(r -> r.kid() != null
                        && policy.find(r.kid(), TrustedKey.Purpose.RECEIPTS).isEmpty());
        TrustPolicy current = unknown && refreshRoot(client) ? trust.policy() : policy;
        Map<String, ReceiptStatus> states = new HashMap<>();
        for (ReceiptSummary receipt : receipts) {
            states.put(
                    receipt.receiptId(),
                    signatures.verify(receipt.receiptJwt(), current, null).status());
        }
        return states;
    }

    /** Checks a bundle file, offline, against the held trust roots and what this machine remembers. */
    public Checked checkFile(Path file) throws IOException {
        return checkBundle(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** The same for a bundle already read (the reviewer's desk hashes the file's bytes too). */
    public Checked checkBundle(String bundle) {
        BundleReport report = verifier().verify(bundle);
        return new Checked(bundle, report, describe(report));
    }

    private BundleVerifier verifier() {
        return new BundleVerifier(clock, trust.policy(), memory);
    }

    /** Fetches the connected platform's root and takes it if it succeeds one already held; true if it changed. */
    private boolean refreshRoot(PlatformClient client) {
        try {
            TrustRoot fetched = TrustRoot.parse(client.trustRoot(), client.baseUrl());
            Optional<TrustRoot> sandbox = trust.sessionSandbox();
            if (sandbox.isPresent()
                    && fetched.log() != null
                    && sandbox.get().log().origin().equals(fetched.log().origin())) {
                sandbox.get().checkSuccessor(fetched);
                trust.trustSessionSandbox(fetched);
                return true;
            }
            return trust.update(fetched);
        } catch (TrustRootException | RuntimeException e) {
            return false; // the verdict stays untrusted; the check lines say why
        }
    }

    /** "Vouched for by … : key … (EdDSA, live, …)" — or why nothing vouched. */
    static String describe(BundleReport report) {
        if (report.receipt() == null) {
            return "";
        }
        TrustPolicy.Found found = report.receipt().vouchedBy();
        if (found == null) {
            return "No trust root you hold vouches for this receipt's key "
                    + report.receipt().kid() + ".";
        }
        TrustedKey key = found.key();
        TrustRoot root = found.held().root();
        StringBuilder line = new StringBuilder("Vouched for by ")
                .append(root.issuer() == null ? "a trusted JWKS" : root.issuer())
                .append(root.source() == null ? "" : " (trust root from " + root.source() + ")")
                .append(": key ")
                .append(key.kid())
                .append(" (")
                .append(key.alg())
                .append(", ")
                .append(key.environment().wire())
                .append("), thumbprint ")
                .append(key.thumbprint())
                .append(", trusted from ")
                .append(WHEN.format(key.validFor().start()))
                .append(
                        key.validFor().end() == null
                                ? ", still active"
                                : " until " + WHEN.format(key.validFor().end()));
        return line.append('.').toString();
    }

    /** A bundle, what checking it found, and who vouched for it. */
    public record Checked(String bundleJson, BundleReport report, String signingKey) {}
}
