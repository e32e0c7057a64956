package com.royaltydesk.platform.receipts;

import com.nimbusds.jose.jwk.JWK;
import java.text.ParseException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A platform signing key. {@code privateJwk} never leaves the platform; the JWKS shows the public half. */
public record SigningKey(
        String kid,
        SigningAlgorithm algorithm,
        KeyPurpose purpose,
        JWK privateJwk,
        Instant createdAt,
        Instant retiredAt,
        Instant verifyUntil) {

    /**
     * The public half, carrying when the key was made ({@code iat}) and, once retired, until when
     * receipts signed with it may still be verified ({@code exp}), so a verifier can say when the
     * key that signed a receipt was valid.
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
}
