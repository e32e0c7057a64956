package com.royaltydesk.app.verify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import com.royaltydesk.app.api.PlatformClient;
import com.royaltydesk.app.api.ReceiptSummary;
import com.royaltydesk.verify.BundleReport;
import com.royaltydesk.verify.BundleVerifier;
import com.royaltydesk.verify.ReceiptStatus;
import com.royaltydesk.verify.ReceiptVerifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The app's receipt checks, all done by the {@code receipt-verifier} module on the user's machine:
 * a live receipt is checked through its bundle (signature against the platform's keys, signed
 * checkpoint, inclusion proof); a bundle file is checked with no network at all.
 */
public final class ReceiptChecker {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withZone(ZoneId.systemDefault());

    private final ReceiptVerifier signatures;
    private final BundleVerifier verifier;
    private final JwksCache jwks;

    public ReceiptChecker(Clock clock) {
        this.signatures = new ReceiptVerifier(clock, null);
        this.verifier = new BundleVerifier(signatures);
        this.jwks = new JwksCache(clock);
    }

    /**
     * Checks a receipt live: its bundle (checkpoint and inclusion proof) from the platform, its
     * signature against the platform's JWKS — cached per Cache-Control, fetched again once when
     * the receipt names a key the cache lacks — and says which key signed it and when that key was valid.
     */
    public Checked checkLive(PlatformClient client, String receiptId) {
        String bundle = client.bundle(receiptId);
        String kid = kidOf(bundle);
        JWKSet keys = jwks.keys(client);
        if (kid != null && keys.getKeyByKeyId(kid) == null) {
            keys = jwks.refetch(client);
        }
        return new Checked(bundle, verifier.verify(bundle, keys), describeKey(kid, keys));
    }

    /**
     * The signature-level state of many receipts at once — signature, key, type, issuer, expiry —
     * against the cached JWKS (fetched again once if any names a key it lacks). No network per
     * receipt: this is what the table's "Signature" column and state filter show; the full check
     * with the log proof runs when a receipt is selected.
     */
    public Map<String, ReceiptStatus> checkSignatures(PlatformClient client, List<ReceiptSummary> receipts) {
        JWKSet keys = jwks.keys(client);
        boolean unknown = receipts.stream().anyMatch(r -> r.kid() != null && keys.getKeyByKeyId(r.kid()) == null);
        JWKSet current = unknown ? jwks.refetch(client) : keys;
        Map<String, ReceiptStatus> states = new HashMap<>();
        for (ReceiptSummary receipt : receipts) {
            states.put(
                    receipt.receiptId(),
                    signatures.verify(receipt.receiptJwt(), current).status());
        }
        return states;
    }

    /** Checks a bundle file, offline, with the keys it carries. */
    public Checked checkFile(Path file) throws IOException {
        String bundle = Files.readString(file, StandardCharsets.UTF_8);
        JWKSet carried;
        try {
            carried = JWKSet.parse(
                    new ObjectMapper().readTree(bundle).path("jwks").toString());
        } catch (ParseException | IOException e) {
            carried = null;
        }
        return new Checked(bundle, verifier.verify(bundle), describeKey(kidOf(bundle), carried));
    }

    /** The JWKS cache, for tests that count fetches. */
    JwksCache jwks() {
        return jwks;
    }

    /** "Signed with key rk_… (EdDSA), created …; the active key" and the like; empty when unknown. */
    static String describeKey(String kid, JWKSet keys) {
        JWK key = kid == null || keys == null ? null : keys.getKeyByKeyId(kid);
        if (key == null) {
            return kid == null ? "" : "Signed with key " + kid + ", which the platform does not list.";
        }
        StringBuilder line = new StringBuilder("Signed with key ").append(kid);
        if (key.getAlgorithm() != null) {
            line.append(" (").append(key.getAlgorithm().getName()).append(')');
        }
        if (key.getIssueTime() != null) {
            line.append(", in use from ").append(WHEN.format(key.getIssueTime().toInstant()));
        }
        line.append(
                key.getExpirationTime() == null
                        ? "; still the platform's signing key"
                        : "; retired, its receipts verifiable until "
                                + WHEN.format(key.getExpirationTime().toInstant()));
        return line.append('.').toString();
    }

    private static String kidOf(String bundle) {
        try {
            return SignedJWT.parse(new ObjectMapper()
                            .readTree(bundle)
                            .path("receipt_jwt")
                            .asText())
                    .getHeader()
                    .getKeyID();
        } catch (ParseException | IOException e) {
            return null; // the verifier reports an unreadable bundle in its own words
        }
    }

    /** A bundle, what checking it found, and which key signed it. */
    public record Checked(String bundleJson, BundleReport report, String signingKey) {}
}
