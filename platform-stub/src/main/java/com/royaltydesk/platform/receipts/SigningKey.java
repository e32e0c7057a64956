package com.royaltydesk.platform.receipts;

import com.nimbusds.jose.jwk.JWK;
import java.text.ParseException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A platform signing key. {@code privateJwk} never leaves the platform; the JWKS and the trust root
 * show the public half. Its trust window runs from {@code createdAt} to {@code validUntil} (null:
 * open) — closed at rotation, or at the moment a compromise began when it is retired.
 */
public record SigningKey(
        String kid,
        SigningAlgorithm algorithm,
        KeyPurpose purpose,
        String environment,
        JWK privateJwk,
        Instant createdAt,
        Instant retiredAt,
        Instant verifyUntil,
        Instant validUntil) {

    public static final String LIVE = "live";
    public static final String SANDBOX = "sandbox";

    /**
     * The public half, carrying when the key was made ({@code iat}) and, once retired, until when
     * receipts signed with it may still be verified ({@code exp}).
     */
    public JWK publicJwk() {
        Map<String, Object> json = new LinkedHashMap<>(privateJwk.toPublicJWK().toJSONObject());
        json.put("iat", createdAt.getEpochSecond());
        if (verifyUntil != null) {
            json.put("exp", verifyUntil.getEpochSecond());
        }
        try {
            return JWK.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("a public key must parse back", e);
        }
    }

    /** The bare public JWK (no times): what the trust root lists and thumbprints. */
    public JWK bareJwk() {
        return privateJwk.toPublicJWK();
    }
}
