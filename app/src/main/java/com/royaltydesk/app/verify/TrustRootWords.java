package com.royaltydesk.app.verify;

import com.royaltydesk.verify.trust.TrustRoot;
import com.royaltydesk.verify.trust.TrustedKey;

/**
 * The question asked before a platform is trusted (SPEC §2a: never silently): where the trust root
 * came from, its issuer and log, its SHA-256, and every key with its thumbprint, environment and
 * window — for Settings and for the reviewer's desk alike.
 */
public final class TrustRootWords {

    private TrustRootWords() {}

    /** What the user reads before saying yes: the source, the log, every key with its thumbprint. */
    public static String question(TrustRoot root) {
        StringBuilder text = new StringBuilder("Trust this platform?\n")
                .append("From: ")
                .append(root.source())
                .append('\n')
                .append("Issuer: ")
                .append(root.issuer())
                .append(", version ")
                .append(root.version())
                .append('\n');
        if (root.log() != null) {
            text.append("Log: ").append(root.log().origin()).append('\n');
        }
        text.append("Trust root SHA-256: ")
                .append(root.fingerprint())
                .append('\n')
                .append("Keys:\n");
        for (TrustedKey key : root.keys()) {
            text.append("  • ")
                    .append(key.purpose().wire())
                    .append(", ")
                    .append(key.environment().wire())
                    .append(", ")
                    .append(key.alg())
                    .append(", thumbprint ")
                    .append(key.thumbprint())
                    .append(", valid ")
                    .append(key.validFor())
                    .append('\n');
        }
        return text.append("Compare these with what the platform's operator gave you before you trust it.")
                .toString();
    }
}
