package com.royaltydesk.verify.trust;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import java.util.Locale;

/**
 * One key a trust root vouches for: its public JWK, {@code kid}, RFC 7638 thumbprint, algorithm,
 * what it signs ({@link Purpose}), whether it is {@link Environment#SANDBOX sandbox} or live, and
 * the window in which its signatures count.
 */
public record TrustedKey(
        String kid, String thumbprint, String alg, Purpose purpose, Environment environment, Window validFor, JWK jwk) {

    public enum Purpose {
        RECEIPTS,
        CHECKPOINTS;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Environment {
        LIVE,
        SANDBOX;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** RFC 7638 SHA-256 thumbprint, base64url. */
    public static String thumbprintOf(JWK jwk) {
        try {
            return jwk.computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** "kid (EdDSA, live, receipts, thumbprint …, valid 2026-… – open)": what a reviewer reads. */
    public String describe() {
        return kid + " (" + alg + ", " + environment.wire() + ", " + purpose.wire() + ", thumbprint " + thumbprint
                + ", valid " + validFor + ")";
    }
}
