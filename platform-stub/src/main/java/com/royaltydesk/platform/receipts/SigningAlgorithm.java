package com.royaltydesk.platform.receipts;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import java.util.Locale;

/**
 * The algorithms receipts may be signed with: EdDSA over Ed25519 by default, ES256 for verifiers
 * without Ed25519. Nothing else is ever accepted, so {@code none} and HMAC cannot sneak in.
 */
public enum SigningAlgorithm {
    EDDSA(JWSAlgorithm.EdDSA),
    ES256(JWSAlgorithm.ES256);

    private final JWSAlgorithm jws;

    SigningAlgorithm(JWSAlgorithm jws) {
        this.jws = jws;
    }

    public JWSAlgorithm jws() {
        return jws;
    }

    /** Parses "EdDSA" or "ES256" (any case); anything else is an error naming the choices. */
    public static SigningAlgorithm parse(String name) {
        for (SigningAlgorithm algorithm : values()) {
            if (algorithm.jws.getName().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return algorithm;
            }
        }
        throw new IllegalArgumentException("signing algorithm must be EdDSA or ES256, not '" + name + "'");
    }

    public static SigningAlgorithm fromJws(String name) {
        return parse(name.toUpperCase(Locale.ROOT).equals("EDDSA") ? "EdDSA" : name);
    }

    /** A new key whose {@code kid} is its RFC 7638 thumbprint, so anyone can recompute it from the key. */
    JWK generate() throws JOSEException {
        return switch (this) {
            case EDDSA ->
                new OctetKeyPairGenerator(Curve.Ed25519)
                        .keyIDFromThumbprint(true)
                        .algorithm(jws)
                        .keyUse(KeyUse.SIGNATURE)
                        .generate();
            case ES256 ->
                new ECKeyGenerator(Curve.P_256)
                        .keyIDFromThumbprint(true)
                        .algorithm(jws)
                        .keyUse(KeyUse.SIGNATURE)
                        .generate();
        };
    }

    JWSSigner signer(JWK privateKey) throws JOSEException {
        return switch (this) {
            case EDDSA -> new Ed25519JwsSigner((OctetKeyPair) privateKey);
            case ES256 -> new ECDSASigner((ECKey) privateKey);
        };
    }
}
