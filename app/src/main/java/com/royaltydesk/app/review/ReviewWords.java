package com.royaltydesk.app.review;

import com.royaltydesk.verify.BundleReport;
import com.royaltydesk.verify.ReceiptCheck;
import com.royaltydesk.verify.ReceiptStatus;
import com.royaltydesk.verify.trust.TrustPolicy;
import com.royaltydesk.verify.trust.TrustRoot;
import com.royaltydesk.verify.trust.TrustedKey;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;

/**
 * What a bundle check found, in the words a legal reviewer reads (issue #18): the verdict first —
 * whether this is evidence, and if not, why, before anything else — then who vouches for what, and
 * where it sits in the log. Times are UTC with the zone named, as in a document that gets filed.
 */
public final class ReviewWords {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private ReviewWords() {}

    /** The verdict in a few words: the first thing on the page. */
    public static String headline(BundleReport report) {
        return switch (report.status()) {
            case VERIFIED -> "Verified: this receipt is evidence";
            case SANDBOX -> "Sandbox receipt: not evidence";
            case UNTRUSTED_SIGNER -> "Not verified: no platform you trust signed this";
            case KEY_NOT_VALID_THEN -> "Not verified: the key was not valid at that time";
            case BAD_SIGNATURE -> "Forged or altered: the signature does not match";
            case MALFORMED -> "Not a receipt bundle this tool can read";
            case WRONG_TYPE -> "Not a receipt: the signed object is of another type";
            case UNSUPPORTED_ALGORITHM -> "Not verified: signed with an algorithm receipts never use";
            case EXPIRED -> "Not verified: the receipt has expired or claims a future date";
            case WRONG_ISSUER -> "Not verified: the receipt names another issuer than its platform";
            case NOT_IN_LOG -> "Not verified: the log does not prove this receipt was recorded";
            case UNWITNESSED -> "Not verified: too few witnesses cosigned the log's checkpoint";
            case LOG_FORKED -> "Log forked: the platform showed two histories";
        };
    }

    /** Why, in one or two sentences — what the headline means for someone deciding what to rely on. */
    public static String meaning(BundleReport report) {
        return switch (report.status()) {
            case VERIFIED ->
                "A platform you chose to trust signed this receipt with a key that was valid when it"
                        + " was issued, and its public log proves the receipt was recorded.";
            case SANDBOX ->
                "It was signed with a sandbox key — a test or demo key. The signature is sound, but"
                        + " no one vouches for the facts it states. Do not rely on it as evidence.";
            case UNTRUSTED_SIGNER ->
                "The key that signed it is not listed by any platform you trust. Keys carried"
                        + " inside a bundle are never trusted on their own: anyone can make one. Trust the platform"
                        + " only after comparing its key thumbprints with what its operator gave you.";
            case KEY_NOT_VALID_THEN ->
                "The platform lists this key, but not for the time the receipt or its"
                        + " checkpoint claims: the key had not started yet, or had already been retired.";
            case BAD_SIGNATURE ->
                "The receipt's contents do not match the signature of the key it names: it was"
                        + " changed after signing, or never signed by that key.";
            case LOG_FORKED ->
                "This checkpoint and one this computer saw before cannot both be true. Both signed"
                        + " checkpoints and the failed proof were saved as evidence.";
            default -> firstFailure(report).orElse("A check failed; the list of checks below says which.");
        };
    }

    /** Whether a reviewer may rely on it. */
    public static boolean isEvidence(BundleReport report) {
        return report.status() == ReceiptStatus.VERIFIED;
    }

    /**
     * What the receipt states: "vouches" when a trusted key signed it, "claims" otherwise. Empty when
     * not even the receipt could be read.
     */
    public static Optional<String> statement(BundleReport report) {
        ReceiptCheck receipt = report.receipt();
        if (receipt == null || receipt.payload() == null) {
            return Optional.empty();
        }
        Map<String, Object> claims = claims(receipt);
        String who = receipt.vouchedBy() != null && report.status() == ReceiptStatus.VERIFIED
                ? issuerOf(receipt.vouchedBy().held().root()) + " vouches that"
                : "The receipt claims that";
        StringBuilder text = new StringBuilder(who)
                .append(" dataset ")
                .append(value(claims, "dataset_id"))
                .append(claims.get("dataset_sha256") == null ? "" : " (content " + claims.get("dataset_sha256") + ")")
                .append(" of creator ")
                .append(value(claims, "creator_id"))
                .append(" was used to train model ")
                .append(value(claims, "model_id"));
        if (receipt.issuedAt() != null) {
            text.append(", as recorded on ").append(WHEN.format(receipt.issuedAt()));
        }
        if (claims.get("portion_used") != null) {
            text.append(", portion used ").append(claims.get("portion_used"));
        }
        if (claims.get("license") != null) {
            text.append(", under licence ").append(claims.get("license"));
        }
        return Optional.of(text.append('.').toString());
    }

    /** Which platform vouches, by which key: the trust root, its source and SHA-256, the key's thumbprint and window. */
    public static String platform(BundleReport report) {
        ReceiptCheck receipt = report.receipt();
        TrustPolicy.Found found = receipt == null ? null : receipt.vouchedBy();
        if (found == null) {
            return receipt == null || receipt.kid() == null
                    ? "No key could be read from the receipt."
                    : "No platform you trust lists key " + receipt.kid() + ".";
        }
        TrustRoot root = found.held().root();
        TrustedKey key = found.key();
        String keyName = key.kid().equals(key.thumbprint())
                ? "key with thumbprint " + key.thumbprint() + " (also its id)"
                : "key " + key.kid() + ", thumbprint " + key.thumbprint();
        return "Platform: " + issuerOf(root) + "\nTrust root: from " + root.source() + ", SHA-256 "
                + root.fingerprint() + "\nSigned with its " + key.environment().wire() + " " + key.alg() + " "
                + keyName + ", valid from " + WHEN.format(key.validFor().start())
                + (key.validFor().end() == null
                        ? ", still in use."
                        : " until " + WHEN.format(key.validFor().end()) + ".");
    }

    /** Where the receipt sits in the log, and who cosigned the checkpoint. Empty when the log was not reached. */
    public static Optional<String> logPosition(BundleReport report) {
        BundleReport.LogPosition log = report.log();
        if (log == null) {
            return Optional.empty();
        }
        return Optional.of("Entry " + log.logIndex() + " of the log " + log.origin() + ", in a tree of "
                + log.treeSize() + " entries; checkpoint signed " + WHEN.format(log.checkpointTime()) + "; "
                + (log.witnesses().isEmpty()
                        ? "no witness cosignatures."
                        : "cosigned by " + String.join(", ", log.witnesses()) + "."));
    }

    /** Whether the log is consistent with what this computer saw before, from the check that says so. */
    public static Optional<String> consistency(BundleReport report) {
        return report.checks().stream()
                .filter(c -> c.name().startsWith("log consistent"))
                .findFirst()
                .map(c -> (c.passed() ? "Consistent with what this computer saw before: " : "NOT consistent: ")
                        + c.detail()
                        + ".");
    }

    static String when(Instant instant) {
        return WHEN.format(instant);
    }

    private static Optional<String> firstFailure(BundleReport report) {
        return report.checks().stream()
                .filter(c -> !c.passed())
                .map(c -> capitalised(c.name()) + ": " + c.detail() + ".")
                .findFirst();
    }

    /** The receipt's {@code payload} claim: what it states about the dataset, creator and model. */
    private static Map<String, Object> claims(ReceiptCheck receipt) {
        return receipt.payload();
    }

    private static String value(Map<String, Object> claims, String name) {
        Object value = claims.get(name);
        return value == null ? "(not stated)" : value.toString();
    }

    private static String issuerOf(TrustRoot root) {
        return root.issuer() == null ? "A trusted platform" : root.issuer();
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
