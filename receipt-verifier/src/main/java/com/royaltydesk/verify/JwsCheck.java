package com.royaltydesk.verify;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.util.List;

/**
 * One JWS against one public key, with the same strict rules as receipts (EdDSA or ES256 only,
 * the key's alg and type must fit): for callers that pick the key themselves, such as the demo
 * pages running inside the app's WebView.
 */
public final class JwsCheck {

    private JwsCheck() {}

    /** True only if {@code compactJws} is signed by {@code jwkJson}; false for anything malformed. */
    public static boolean verifiesWith(String compactJws, String jwkJson) {
        try {
            JWK key = JWK.parse(jwkJson);
            return SignatureCheck.verify(SignedJWT.parse(compactJws), new JWKSet(List.of(key)))
                    .ok();
        } catch (ParseException | RuntimeException e) {
            return false;
        }
    }
}
