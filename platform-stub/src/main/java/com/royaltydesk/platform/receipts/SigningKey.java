package com.royaltydesk.platform.receipts;

import com.nimbusds.jose.jwk.JWK;
import java.time.Instant;

/** A platform signing key. {@code privateJwk} never leaves the platform; the JWKS shows the public half. */
public record SigningKey(
        String kid,
        SigningAlgorithm algorithm,
        KeyPurpose purpose,
        JWK privateJwk,
        Instant createdAt,
        Instant retiredAt,
        Instant verifyUntil) {

    public JWK publicJwk() {
        return privateJwk.toPublicJWK();
    }
}
