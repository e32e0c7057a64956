package com.royaltydesk.app.verify;

import com.royaltydesk.verify.Ed25519Check;
import com.royaltydesk.verify.JwsCheck;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What the demo pages call as {@code window.rdkVerifier} inside the app's WebView, which has no Web
 * Crypto: the cryptographic primitives only. Which keys to trust the page decides from its own trust
 * roots (SPEC §6), exactly as in a browser. The page passes strings; the checks are the
 * receipt-verifier module's. The calls are
 * synchronous (a JavaScript bridge is) and run on the FX thread: one page makes a handful of
 * signature checks and hashes, well under a millisecond each — the one place crypto runs there.
 */
public final class PageVerifier {

    /** True only if the compact JWS is signed by the given public JWK (EdDSA or ES256). */
    public boolean verifyJws(String compactJws, String jwkJson) {
        return JwsCheck.verifiesWith(compactJws, jwkJson);
    }

    /** True only if {@code signatureHex} is an Ed25519 signature of {@code messageHex} by {@code publicKeyHex}. */
    public boolean verifyEd25519(String publicKeyHex, String messageHex, String signatureHex) {
        try {
            HexFormat hex = HexFormat.of();
            return Ed25519Check.verifies(
                    hex.parseHex(publicKeyHex), hex.parseHex(messageHex), hex.parseHex(signatureHex));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** SHA-256 of the bytes given as hex, as hex. */
    public String sha256Hex(String hex) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(HexFormat.of().parseHex(hex));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
