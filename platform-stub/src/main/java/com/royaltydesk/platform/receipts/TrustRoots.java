package com.royaltydesk.platform.receipts;

import com.nimbusds.jose.JOSEException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The platform's trust root (SPEC §2a, {@code GET /.well-known/rdk-trust-root.json}), derived from
 * the same key records as the JWKS: every key ever made with its purpose, environment and trust
 * window, and the log's origin and checkpoint key. Its {@code version} counts key records and closed
 * windows, so it grows with every rotation or retirement and never goes back.
 */
public final class TrustRoots {

    public static final String MEDIA_TYPE = "application/vnd.royaltydesk.trust-root.v1+json";

    private final SigningKeys keys;
    private final LogEvidence log;
    private final String issuer;
    private final boolean sandbox;

    public TrustRoots(SigningKeys keys, LogEvidence log, String issuer, boolean sandbox) {
        this.sandbox = sandbox;
        this.keys = keys;
        this.log = log;
        this.issuer = issuer;
    }

    public Map<String, Object> current() {
        // Every key the platform will sign with exists before the root is published, so a root
        // fetched before the first receipt already vouches for it.
        keys.active(KeyPurpose.RECEIPTS);
        if (sandbox) {
            keys.active(KeyPurpose.SANDBOX);
        }
        SigningKey checkpointKey = keys.active(KeyPurpose.CHECKPOINTS);
        List<SigningKey> all = keys.all();
        long version =
                all.size() + all.stream().filter(k -> k.validUntil() != null).count();
        Instant issuedAt = all.stream()
                .flatMap(k -> k.validUntil() == null
                        ? java.util.stream.Stream.of(k.createdAt())
                        : java.util.stream.Stream.of(k.createdAt(), k.validUntil()))
                .max(Instant::compareTo)
                .orElseThrow();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("media_type", MEDIA_TYPE);
        root.put("version", version);
        root.put("issued_at", issuedAt.toString());
        root.put("issuer", issuer);
        Map<String, Object> logEntry = new LinkedHashMap<>();
        logEntry.put("origin", log.origin());
        logEntry.put("checkpoint_key", log.checkpointVkey(checkpointKey));
        logEntry.put("valid_for", window(checkpointKey));
        root.put("log", logEntry);
        List<Map<String, Object>> listed = new ArrayList<>();
        for (SigningKey key : all) {
            listed.add(entry(key));
        }
        root.put("keys", listed);
        return root;
    }

    private static Map<String, Object> entry(SigningKey key) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("kid", key.kid());
        try {
            entry.put("thumbprint", key.bareJwk().computeThumbprint().toString());
        } catch (JOSEException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        entry.put("alg", key.algorithm().jws().getName());
        entry.put("purpose", key.purpose().trustRootPurpose());
        entry.put("environment", key.environment());
        entry.put("valid_for", window(key));
        entry.put("jwk", key.bareJwk().toJSONObject());
        return entry;
    }

    private static Map<String, Object> window(SigningKey key) {
        Map<String, Object> window = new LinkedHashMap<>();
        // Receipts and checkpoints carry whole seconds; a key made at 12:00:00.4 signs with iat 12:00:00.
        window.put("start", key.createdAt().truncatedTo(ChronoUnit.SECONDS).toString());
        window.put("end", key.validUntil() == null ? null : key.validUntil().toString());
        return window;
    }
}
