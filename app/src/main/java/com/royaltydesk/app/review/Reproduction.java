package com.royaltydesk.app.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.royaltydesk.verify.trust.TrustPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The commands that repeat the report's checks with standard tools — {@code sha256sum}, {@code jq},
 * {@code basenc} (GNU coreutils) and {@code openssl} 3 — run one after another in an empty folder,
 * each with what it must print. What these tools cannot do alone (the log's audit path, the signed
 * checkpoint note) is named with the standard it follows, for a library of the reviewer's choice.
 */
public final class Reproduction {

    /** One step: why, what to run (POSIX shell), and what it prints when the claim holds (null: nothing to compare). */
    public record Command(String purpose, String script, String expected) {}

    /** Ed25519 public keys in X.509 SubjectPublicKeyInfo form: this prefix, then the 32 key bytes (RFC 8410). */
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private static final String PAD =
            "pad() { s=$(cat); while [ $(( ${#s} % 4 )) -ne 0 ]; do s=\"$s=\"; done;" + " printf '%s' \"$s\"; }";

    private Reproduction() {}

    public static List<Command> of(ReviewedBundle bundle) {
        List<Command> commands = new ArrayList<>();
        String file = quoted(bundle.file().toString());
        commands.add(new Command(
                "The bundle is the file this report is about.",
                "sha256sum " + file,
                bundle.fileSha256() + "  " + bundle.file()));
        String jwt = receiptJwt(bundle.checked().bundleJson());
        if (jwt == null) {
            return commands;
        }
        commands.add(new Command(
                "Take the receipt out of the bundle, exactly as signed.",
                "jq -j .receipt_jwt " + file + " > receipt.jwt",
                null));
        commands.add(new Command(
                "Read the receipt's claims (the JWT payload, base64url-decoded).",
                PAD + "\ncut -d. -f2 receipt.jwt | tr -d '\\n' | pad | basenc --base64url -d",
                null));
        commands.add(new Command(
                "Its entry in the log: SHA-256 of a zero byte and the receipt (RFC 9162 leaf hash).",
                "{ printf '\\000'; cat receipt.jwt; } | sha256sum",
                leafHash(jwt) + "  -"));
        TrustPolicy.Found found = bundle.report().receipt() == null
                ? null
                : bundle.report().receipt().vouchedBy();
        String pem = found == null ? null : ed25519Pem(found.key().jwk());
        if (pem != null) {
            commands.add(new Command(
                    "The signature, with the key the trusted platform lists ("
                            + found.key().kid() + ", thumbprint " + found.key().thumbprint()
                            + "), not a key from the bundle.",
                    "cat > key.pem <<'KEY'\n" + pem + "KEY\n" + PAD
                            + "\ncut -d. -f1,2 receipt.jwt | tr -d '\\n' > signed-part.txt"
                            + "\ncut -d. -f3 receipt.jwt | tr -d '\\n' | pad | basenc --base64url -d > signature.bin"
                            + "\nopenssl pkeyutl -verify -pubin -inkey key.pem -rawin -in signed-part.txt"
                            + " -sigfile signature.bin",
                    "Signature Verified Successfully"));
        } else if (found != null) {
            commands.add(new Command(
                    "The signature (" + found.key().alg() + "): verify receipt.jwt with any JOSE library (RFC 7515)"
                            + " against key " + found.key().kid() + " of the trust root.",
                    "# e.g. with a JOSE library: JWSObject.parse(receipt).verify(verifierFor(trustedKey))",
                    null));
        }
        if (found != null
                && found.held().root().source() != null
                && found.held().root().source().startsWith("file ")) {
            String rootFile = found.held().root().source().substring("file ".length());
            commands.add(new Command(
                    "The trust root is the one this report names.",
                    "sha256sum " + quoted(rootFile),
                    found.held().root().fingerprint() + "  " + rootFile));
        }
        commands.add(new Command(
                "The inclusion proof and the checkpoint: the bundle's inclusion_proof is an RFC 9162 §2.1.3 audit"
                        + " path from the leaf above to the checkpoint's root; the checkpoint is a C2SP signed note"
                        + " (tlog-checkpoint) signed by the trust root's log key. Any implementation of those"
                        + " standards repeats them, as does this tool's command line:",
                "royalty-desk verify --trust TRUST_ROOT.json " + file,
                null));
        if (bundle.comparison() != null && bundle.comparison().match().isPresent()) {
            var match = bundle.comparison().match().get();
            commands.add(new Command(
                    "Your file is the dataset the receipt names (its content hash is "
                            + bundle.comparison().proven() + ").",
                    "sha256sum " + quoted(match.file().toString()),
                    match.sha256Hex() + "  " + match.file()));
        }
        return List.copyOf(commands);
    }

    static String receiptJwt(String bundleJson) {
        try {
            JsonNode jwt = new ObjectMapper().readTree(bundleJson).path("receipt_jwt");
            return jwt.isTextual() ? jwt.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    static String leafHash(String jwt) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update((byte) 0);
            sha256.update(jwt.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The key as a PEM file openssl reads, for Ed25519 keys; null for any other kind. */
    static String ed25519Pem(JWK jwk) {
        if (!(jwk instanceof OctetKeyPair okp)
                || !"Ed25519".equals(okp.getCurve().getName())) {
            return null;
        }
        byte[] x = okp.getDecodedX();
        byte[] der = new byte[ED25519_SPKI_PREFIX.length + x.length];
        System.arraycopy(ED25519_SPKI_PREFIX, 0, der, 0, ED25519_SPKI_PREFIX.length);
        System.arraycopy(x, 0, der, ED25519_SPKI_PREFIX.length, x.length);
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getEncoder().encodeToString(der)
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** Single-quoted for a POSIX shell, whatever the path holds. */
    static String quoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
