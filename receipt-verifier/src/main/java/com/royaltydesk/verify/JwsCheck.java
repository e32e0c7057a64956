package com.royaltydesk.verify;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;

/**
 * One JWS against one public key, with the same strict rules as receipts (EdDSA or ES256 only,
 * the key's alg and type must fit). It says nothing about whether the key is trusted: callers
 * pick the key from a trust root they hold.
 */
public final class JwsCheck {

    private JwsCheck() {}

    /** True only if {@code compactJws} is signed by {@code jwkJson}; false for anything malformed. */
    public static boolean verifiesWith(String compactJws, String jwkJson) {
        try {
            return SignatureCheck.verifies(SignedJWT.parse(compactJws), JWK.parse(jwkJson));
        } catch (ParseException | RuntimeException e) {
            return false;
        }
    }
}
