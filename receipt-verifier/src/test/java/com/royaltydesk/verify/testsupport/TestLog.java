package com.royaltydesk.verify.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.royaltydesk.verify.note.NoteKey;
import com.royaltydesk.verify.note.SignedNote;
import com.royaltydesk.verify.trust.TrustRoot;
import com.royaltydesk.verify.trust.TrustedKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole receipt-issuing platform in memory, for tests of verifiers: a receipt key, a checkpoint
 * key, an append-only log, the trust root it would publish, and genuine bundles in both formats.
 * {@link Forger} turns its genuine output into the forgeries every verifier must refuse.
 */
public final class TestLog {

    public static final String ISSUER = "urn:royaltydesk:test";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String origin;
    private final Instant start;
    private final TrustedKey.Environment environment;
    private final OctetKeyPair receiptKey;
    private final NoteSigning logKey;
    private final List<String> entries = new ArrayList<>();
    private final List<byte[]> leaves = new ArrayList<>();
    private final List<Instant> issuedAt = new ArrayList<>();
    private Instant receiptKeyEnd;
    private Instant receiptKeyStart;

    public TestLog(String origin, Instant start, TrustedKey.Environment environment) {
        this(origin, start, environment, newKey(), NoteSigning.fresh(origin, NoteKey.COSIGNATURE_V1));
    }

    private TestLog(
            String origin, Instant start, TrustedKey.Environment environment, OctetKeyPair key, NoteSigning log) {
        this.origin = origin;
        this.start = start;
        this.receiptKeyStart = start;
        this.environment = environment;
        this.receiptKey = key;
        this.logKey = log;
    }

    /**
     * A forger's log: same origin, a fresh checkpoint key, and a fresh receipt key that presents the
     * genuine receipt key's {@code kid}.
     */
    public TestLog impostor() {
        OctetKeyPair fresh =
                new OctetKeyPair.Builder(newKey()).keyID(receiptKey.getKeyID()).build();
        return new TestLog(origin, start, environment, fresh, NoteSigning.fresh(origin, NoteKey.COSIGNATURE_V1));
    }

    /** The same keys and origin, its own entries: what a log that shows two histories would hold. */
    public TestLog sameKeysOtherHistory() {
        return new TestLog(origin, start, environment, receiptKey, logKey);
    }

    public static TestLog live(Instant start) {
        // A log of its own each time: two test platforms never share an origin.
        return new TestLog("log.test.royaltydesk/" + java.util.UUID.randomUUID(), start, TrustedKey.Environment.LIVE);
    }

    public String origin() {
        return origin;
    }

    public OctetKeyPair receiptKey() {
        return receiptKey;
    }

    public NoteSigning logKey() {
        return logKey;
    }

    public int size() {
        return entries.size();
    }

    /** Issues and logs a receipt signed at {@code iat} with the log's receipt key. */
    public int issue(String datasetId, Instant iat) {
        return append(sign(receiptKey, claims(datasetId, "creator_1", iat)), iat);
    }

    /** Logs a receipt JWT as it is (a forger's, say). */
    public int append(String jwt, Instant iat) {
        entries.add(jwt);
        leaves.add(TestMerkle.leaf(jwt.getBytes(StandardCharsets.US_ASCII)));
        issuedAt.add(iat);
        return entries.size() - 1;
    }

    /** Closes the receipt key's window at {@code end} (retirement after compromise, or rotation). */
    public void closeReceiptKey(Instant end) {
        receiptKeyEnd = end;
    }

    /** Moves the receipt key's window start (to make "before the key existed" cases). */
    public void openReceiptKeyAt(Instant keyStart) {
        receiptKeyStart = keyStart;
    }

    public String jwt(int index) {
        return entries.get(index);
    }

    public String checkpointText(int size) {
        return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(TestMerkle.root(leaves, 0, size))
                + "\n";
    }

    /** The checkpoint of {@code size} signed by the log key at {@code time}. */
    public SignedNote checkpoint(int size, Instant time) {
        return logKey.note(checkpointText(size), time);
    }

    /** A genuine format-2 bundle for entry {@code index}, at the current size, checkpoint signed at {@code time}. */
    public String bundle(int index, Instant time) {
        return bundle(index, checkpoint(entries.size(), time).render());
    }

    public String bundle(int index, String note) {
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("format", "rdk-receipt-bundle/2");
        bundle.put("receipt_jwt", entries.get(index));
        bundle.put("checkpoint", Map.of("note", note));
        bundle.put("inclusion_proof", inclusion(index, entries.size()));
        bundle.put(
                "hints",
                Map.of("jwks", Map.of("keys", List.of(receiptKey.toPublicJWK().toJSONObject()))));
        return write(bundle);
    }

    /** A genuine old-format (1) bundle: the checkpoint is a JWS by the receipt key. */
    public String legacyBundle(int index, Instant time) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .issueTime(Date.from(time))
                .claim("tree_size", entries.size())
                .claim("root_hash", HexFormat.of().formatHex(TestMerkle.root(leaves, 0, entries.size())))
                .build();
        String jws = sign(receiptKey, new JOSEObjectType("rdk-checkpoint+jwt"), claims);
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("format", "rdk-receipt-bundle/1");
        bundle.put("receipt_jwt", entries.get(index));
        bundle.put("jwks", Map.of("keys", List.of(receiptKey.toPublicJWK().toJSONObject())));
        bundle.put(
                "checkpoint",
                Map.of(
                        "tree_size", entries.size(),
                        "root_hash", HexFormat.of().formatHex(TestMerkle.root(leaves, 0, entries.size())),
                        "jws", jws));
        bundle.put("inclusion_proof", inclusion(index, entries.size()));
        return write(bundle);
    }

    public Map<String, Object> inclusion(int index, int size) {
        return Map.of(
                "log_index", index,
                "tree_size", size,
                "hashes", hex(TestMerkle.inclusion(leaves, index, 0, size)));
    }

    public List<String> consistency(int first, int second) {
        return hex(TestMerkle.consistency(leaves, first, second));
    }

    /**
     * The trust root this log's platform would publish. The log key's window starts one day after
     * the receipt key's when {@code legacyReceiptKey} (the receipt key predates checkpoint keys).
     */
    public String trustRoot(boolean legacyReceiptKey) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("media_type", TrustRoot.MEDIA_TYPE);
        root.put("version", 1);
        root.put("issued_at", start.toString());
        root.put("issuer", ISSUER);
        Instant logStart = legacyReceiptKey ? receiptKeyStart.plus(Duration.ofDays(1)) : start;
        root.put(
                "log",
                Map.of(
                        "origin", origin,
                        "checkpoint_key", logKey.key().vkey(),
                        "valid_for", window(logStart, null)));
        OctetKeyPair logJwk = new OctetKeyPair.Builder(
                        Curve.Ed25519,
                        com.nimbusds.jose.util.Base64URL.encode(logKey.key().publicKey()))
                .build();
        root.put(
                "keys",
                List.of(
                        key(receiptKey.toPublicJWK(), "receipts", receiptKeyStart, receiptKeyEnd),
                        key(logJwk, "checkpoints", logStart, null)));
        return write(root);
    }

    public String trustRoot() {
        return trustRoot(false);
    }

    /** Issues and logs a receipt whose claims name the dataset's content hash ({@code sha256:…}). */
    public int issue(String datasetId, Instant iat, String datasetSha256) {
        JWTClaimsSet plain = claims(datasetId, "creator_1", iat);
        try {
            Map<String, Object> payload = new LinkedHashMap<>(plain.getJSONObjectClaim("payload"));
            payload.put("dataset_sha256", datasetSha256);
            return append(
                    sign(
                            receiptKey,
                            new JWTClaimsSet.Builder(plain)
                                    .claim("payload", payload)
                                    .build()),
                    iat);
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    public JWTClaimsSet claims(String datasetId, String creatorId, Instant iat) {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject("pt_" + datasetId)
                .issueTime(Date.from(iat))
                .expirationTime(Date.from(iat.plus(Duration.ofDays(3650))))
                .jwtID("jti-" + datasetId + "-" + entries.size())
                .claim(
                        "payload",
                        Map.of(
                                "dataset_id",
                                datasetId,
                                "creator_id",
                                creatorId,
                                "model_id",
                                "model-1",
                                "portion_used",
                                0.25))
                .build();
    }

    public static String sign(OctetKeyPair key, JWTClaimsSet claims) {
        return sign(key, new JOSEObjectType("rdk-receipt+jwt"), claims);
    }

    static String sign(OctetKeyPair key, JOSEObjectType type, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.EdDSA)
                            .keyID(key.getKeyID())
                            .type(type)
                            .build(),
                    claims);
            jwt.sign(new Ed25519Signer(key));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh Ed25519 key whose kid is its RFC 7638 thumbprint, as the platform makes them. */
    public static OctetKeyPair newKey() {
        try {
            OctetKeyPair key = new OctetKeyPairGenerator(Curve.Ed25519).generate();
            return new OctetKeyPair.Builder(key)
                    .keyID(TrustedKey.thumbprintOf(key.toPublicJWK()))
                    .build();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> key(com.nimbusds.jose.jwk.JWK jwk, String purpose, Instant from, Instant to) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("kid", jwk.getKeyID() == null ? TrustedKey.thumbprintOf(jwk) : jwk.getKeyID());
        key.put("thumbprint", TrustedKey.thumbprintOf(jwk));
        key.put("alg", "EdDSA");
        key.put("purpose", purpose);
        key.put("environment", environment.wire());
        key.put("valid_for", window(from, to));
        key.put("jwk", jwk.toJSONObject());
        return key;
    }

    private static Map<String, Object> window(Instant from, Instant to) {
        Map<String, Object> window = new LinkedHashMap<>();
        window.put("start", from.toString());
        window.put("end", to == null ? null : to.toString());
        return window;
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(HexFormat.of()::formatHex).toList();
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
