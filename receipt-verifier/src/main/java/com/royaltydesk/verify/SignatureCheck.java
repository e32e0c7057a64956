package com.royaltydesk.verify;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jwt.SignedJWT;
import java.util.Set;

/**
 * Checks a JWS signature against one public key the strict way: only EdDSA (Ed25519) and ES256,
 * the key's own {@code alg} (if it states one) equal to the header's, and the key's type fitting
 * the algorithm — so {@code none}, HMAC-with-a-public-key and key confusion fail.
 */
final class SignatureCheck {

    static final Set<JWSAlgorithm> ALLOWED = Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.ES256);

    private SignatureCheck() {}

    static boolean allowed(SignedJWT jws) {
        return ALLOWED.contains(jws.getHeader().getAlgorithm());
    }

    /** True only if {@code jws} is signed by {@code key} under the rules above. */
    static boolean verifies(SignedJWT jws, JWK key) {
        JWSAlgorithm alg = jws.getHeader().getAlgorithm();
        if (!ALLOWED.contains(alg)
                || key.getAlgorithm() != null && !key.getAlgorithm().getName().equals(alg.getName())) {
            return false;
        }
        try {
            JWSVerifier verifier = verifierFor(alg, key);
            return verifier != null && jws.verify(verifier);
        } catch (JOSEException | IllegalStateException e) {
            return false;
        }
    }

    private static JWSVerifier verifierFor(JWSAlgorithm alg, JWK key) throws JOSEException {
        if (JWSAlgorithm.EdDSA.equals(alg) && key instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
            return new Ed25519Verifier(okp.toPublicJWK());
        }
        if (JWSAlgorithm.ES256.equals(alg) && key instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())) {
            return new ECDSAVerifier(ec.toPublicJWK());
        }
        return null;
    }
}
