package com.royaltydesk.verify;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jwt.SignedJWT;
import java.util.Set;

/**
 * Checks a JWS signature against a JWKS the strict way: only EdDSA (Ed25519) and ES256, the key
 * chosen by {@code kid}, the key's own {@code alg} (if it states one) equal to the header's, and the
 * key's type fitting the algorithm — so {@code none}, HMAC-with-a-public-key and key confusion fail.
 */
final class SignatureCheck {

    static final Set<JWSAlgorithm> ALLOWED = Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.ES256);

    /** The outcome: null status means the signature verified. */
    record Outcome(ReceiptStatus failure, String detail) {
        static final Outcome OK = new Outcome(null, "signature verified");

        boolean ok() {
            return failure == null;
        }
    }

    private SignatureCheck() {}

    static Outcome verify(SignedJWT jws, JWKSet jwks) {
        JWSAlgorithm alg = jws.getHeader().getAlgorithm();
        if (!ALLOWED.contains(alg)) {
            return new Outcome(
                    ReceiptStatus.UNSUPPORTED_ALGORITHM, "algorithm " + alg + " is not accepted (EdDSA or ES256 only)");
        }
        String kid = jws.getHeader().getKeyID();
        JWK key = kid == null ? null : jwks.getKeyByKeyId(kid);
        if (key == null) {
            return new Outcome(ReceiptStatus.UNKNOWN_KEY, "no key with kid " + kid + " in the JWKS");
        }
        if (key.getAlgorithm() != null && !key.getAlgorithm().getName().equals(alg.getName())) {
            return new Outcome(
                    ReceiptStatus.BAD_SIGNATURE,
                    "key " + kid + " is for " + key.getAlgorithm() + ", the JWS says " + alg);
        }
        try {
            JWSVerifier verifier = verifierFor(alg, key);
            if (verifier == null) {
                return new Outcome(ReceiptStatus.BAD_SIGNATURE, "key " + kid + " does not fit " + alg);
            }
            return jws.verify(verifier)
                    ? Outcome.OK
                    : new Outcome(ReceiptStatus.BAD_SIGNATURE, "signature does not verify with key " + kid);
        } catch (JOSEException | IllegalStateException e) {
            return new Outcome(ReceiptStatus.BAD_SIGNATURE, "signature check failed: " + e.getMessage());
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
