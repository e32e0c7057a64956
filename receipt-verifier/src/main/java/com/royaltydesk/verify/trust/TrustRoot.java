package com.royaltydesk.verify.trust;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.royaltydesk.verify.note.NoteException;
import com.royaltydesk.verify.note.NoteKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A platform's trust root (SPEC §2a, after Sigstore's trusted root): who issues, the receipt log's
 * origin and checkpoint key, and every key with its purpose, environment and validity window. A
 * root that contradicts itself — a thumbprint that is not its key's, a checkpoint vkey that is not
 * the listed checkpoint key, a private key — does not load: that is how a tampered file shows.
 */
public record TrustRoot(
        long version, Instant issuedAt, String issuer, Log log, List<TrustedKey> keys, String source, String json) {

    /** The receipt log: its origin line, its checkpoint key and when that key counts. */
    public record Log(String origin, NoteKey checkpointKey, Window validFor) {}

    public static final String MEDIA_TYPE = "application/vnd.royaltydesk.trust-root.v1+json";
    public static final int MAX_KEYS = 1_000;
    public static final int MAX_BYTES = 1 << 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    public TrustRoot {
        keys = List.copyOf(keys);
    }

    /** Reads a trust root; {@code source} says where it came from (a file, a URL) for the verdicts. */
    public static TrustRoot parse(String json, String source) throws TrustRootException {
        JsonNode root = read(json);
        if (!MEDIA_TYPE.equals(root.path("media_type").asText())) {
            throw new TrustRootException("not a Royalty Desk trust root (media_type " + root.path("media_type") + ")");
        }
        List<TrustedKey> keys = new ArrayList<>();
        if (root.path("keys").size() > MAX_KEYS) {
            throw new TrustRootException("a trust root lists at most " + MAX_KEYS + " keys");
        }
        for (JsonNode node : root.path("keys")) {
            keys.add(key(node));
        }
        Log log = root.hasNonNull("log") ? log(root.path("log"), keys) : null;
        return new TrustRoot(
                root.path("version").asLong(0),
                instant(root.path("issued_at"), "issued_at"),
                text(root, "issuer"),
                log,
                keys,
                source,
                json);
    }

    /**
     * A JWKS taken as a root (SPEC §2a): every key live, for any purpose, with an open window; no
     * log key, so a checkpoint must be signed by a JWKS key under the log's origin. Weaker than a
     * trust root: it cannot say when a key stopped counting.
     */
    public static TrustRoot fromJwks(String json, String source) throws TrustRootException {
        try {
            return fromJwks(JWKSet.parse(json), source, json);
        } catch (ParseException e) {
            throw new TrustRootException("not a JWKS: " + e.getMessage());
        }
    }

    public static TrustRoot fromJwks(JWKSet jwks, String source, String json) throws TrustRootException {
        List<TrustedKey> keys = new ArrayList<>();
        for (JWK jwk : jwks.getKeys()) {
            if (jwk.isPrivate()) {
                throw new TrustRootException("a JWKS to trust holds public keys only");
            }
            String alg = jwk.getAlgorithm() == null ? null : jwk.getAlgorithm().getName();
            String thumbprint = TrustedKey.thumbprintOf(jwk);
            String kid = jwk.getKeyID() == null ? thumbprint : jwk.getKeyID();
            for (TrustedKey.Purpose purpose : TrustedKey.Purpose.values()) {
                keys.add(new TrustedKey(kid, thumbprint, alg, purpose, TrustedKey.Environment.LIVE, Window.OPEN, jwk));
            }
        }
        return new TrustRoot(0, null, null, null, keys, source, json);
    }

    /** The key with {@code kid} that may sign for {@code purpose}. */
    public Optional<TrustedKey> key(String kid, TrustedKey.Purpose purpose) {
        return keys.stream()
                .filter(k -> k.kid().equals(kid) && k.purpose() == purpose)
                .findFirst();
    }

    /**
     * SHA-256 (hex) of the trust root exactly as published: what the app shows and records when the
     * user decides to trust a platform, what a reviewer can compare with {@code sha256sum}, and what
     * the demo pages accept as a "root fingerprint" from the user. Any change to the file changes it.
     */
    public String fingerprint() {
        return sha256(json == null ? "" : json);
    }

    /**
     * Refuses {@code newer} unless it only adds keys or closes open windows (rotation adds, never
     * deletes): same log, every key still there with the same public key and start.
     */
    public void checkSuccessor(TrustRoot newer) throws TrustRootException {
        if (log != null && (newer.log() == null || !newer.log().equals(log) && !sameLog(newer.log()))) {
            throw new TrustRootException("the new trust root names another log or checkpoint key");
        }
        if (newer.version() < version) {
            throw new TrustRootException(
                    "the new trust root is older (version " + newer.version() + " < " + version + ")");
        }
        for (TrustedKey old : keys) {
            TrustedKey now = newer.key(old.kid(), old.purpose())
                    .orElseThrow(() -> new TrustRootException("the new trust root dropped key " + old.kid()));
            boolean windowKept = now.validFor().start().equals(old.validFor().start())
                    && (old.validFor().end() == null
                            || old.validFor().end().equals(now.validFor().end()));
            if (!now.thumbprint().equals(old.thumbprint()) || !windowKept || now.environment() != old.environment()) {
                throw new TrustRootException("the new trust root changed key " + old.kid() + " instead of adding one");
            }
        }
    }

    private boolean sameLog(Log other) {
        return other.origin().equals(log.origin())
                && other.checkpointKey().equals(log.checkpointKey())
                && other.validFor().start().equals(log.validFor().start());
    }

    private static TrustedKey key(JsonNode node) throws TrustRootException {
        String kid = text(node, "kid");
        JWK jwk;
        try {
            jwk = JWK.parse(JSON.writeValueAsString(node.path("jwk")));
        } catch (ParseException | JsonProcessingException e) {
            throw new TrustRootException("key " + kid + " has no readable jwk");
        }
        if (jwk.isPrivate()) {
            throw new TrustRootException("key " + kid + " is a private key: a trust root holds public keys only");
        }
        String thumbprint = TrustedKey.thumbprintOf(jwk);
        if (!thumbprint.equals(node.path("thumbprint").asText())) {
            throw new TrustRootException("key " + kid + ": its thumbprint does not match its jwk (tampered?)");
        }
        String alg = text(node, "alg");
        boolean fits = ("EdDSA".equals(alg) && "OKP".equals(jwk.getKeyType().getValue()))
                || ("ES256".equals(alg) && "EC".equals(jwk.getKeyType().getValue()));
        if (!fits || jwk.getAlgorithm() != null && !jwk.getAlgorithm().getName().equals(alg)) {
            throw new TrustRootException("key " + kid + ": alg " + alg + " does not fit its jwk");
        }
        try {
            return new TrustedKey(
                    kid,
                    thumbprint,
                    alg,
                    TrustedKey.Purpose.valueOf(text(node, "purpose").toUpperCase(java.util.Locale.ROOT)),
                    TrustedKey.Environment.valueOf(text(node, "environment").toUpperCase(java.util.Locale.ROOT)),
                    window(node.path("valid_for"), kid),
                    jwk);
        } catch (IllegalArgumentException e) {
            throw new TrustRootException("key " + kid + ": unknown purpose or environment");
        }
    }

    private static Log log(JsonNode node, List<TrustedKey> keys) throws TrustRootException {
        NoteKey vkey;
        try {
            vkey = NoteKey.parse(text(node, "checkpoint_key"));
        } catch (NoteException e) {
            throw new TrustRootException("the log's checkpoint key: " + e.getMessage());
        }
        String origin = text(node, "origin");
        if (!vkey.name().equals(origin)) {
            throw new TrustRootException(
                    "the log's checkpoint key is named " + vkey.name() + ", not its origin " + origin);
        }
        String x = Base64.getUrlEncoder().withoutPadding().encodeToString(vkey.publicKey());
        boolean listed = keys.stream()
                .anyMatch(k -> k.purpose() == TrustedKey.Purpose.CHECKPOINTS
                        && x.equals(k.jwk().toJSONObject().get("x")));
        if (!listed) {
            throw new TrustRootException(
                    "the log's checkpoint key is not among the root's checkpoint keys (tampered?)");
        }
        return new Log(origin, vkey, window(node.path("valid_for"), "log"));
    }

    private static Window window(JsonNode node, String what) throws TrustRootException {
        try {
            Instant start = instant(node.path("start"), what + " valid_for.start");
            Instant end = node.path("end").isNull() || node.path("end").isMissingNode()
                    ? null
                    : instant(node.path("end"), what + " valid_for.end");
            return new Window(start, end);
        } catch (IllegalArgumentException e) {
            throw new TrustRootException(what + ": " + e.getMessage());
        }
    }

    private static JsonNode read(String json) throws TrustRootException {
        if (json == null || json.length() > MAX_BYTES) {
            throw new TrustRootException("a trust root is at most " + MAX_BYTES + " bytes");
        }
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw new TrustRootException("a trust root is a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new TrustRootException("not JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode node, String field) throws TrustRootException {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new TrustRootException("the trust root lacks " + field);
        }
        return value.asText();
    }

    private static Instant instant(JsonNode node, String field) throws TrustRootException {
        try {
            return Instant.parse(node.asText());
        } catch (RuntimeException e) {
            throw new TrustRootException(field + " is not an ISO-8601 instant");
        }
    }

    static String sha256(String text) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
