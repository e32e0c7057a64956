package com.royaltydesk.verify;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/** Keys and receipt JWTs made inside the tests, so each test controls exactly what it feeds the verifier. */
final class TestKeys {

    static final JOSEObjectType RECEIPT = new JOSEObjectType("rdk-receipt+jwt");

    private TestKeys() {}

    static OctetKeyPair ed25519(String kid) throws Exception {
        return new OctetKeyPairGenerator(Curve.Ed25519)
                .keyID(kid)
                .algorithm(JWSAlgorithm.EdDSA)
                .keyUse(KeyUse.SIGNATURE)
                .generate();
    }

    static ECKey p256(String kid) throws Exception {
        return new ECKeyGenerator(Curve.P_256)
                .keyID(kid)
                .algorithm(JWSAlgorithm.ES256)
                .keyUse(KeyUse.SIGNATURE)
                .generate();
    }

    static JWTClaimsSet claims(Instant issuedAt, Instant expiresAt) {
        return new JWTClaimsSet.Builder()
                .issuer("urn:test")
                .subject("pt_test")
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .jwtID("jti-1")
                .claim("payload", Map.of("dataset_id", "ds_1", "creator_id", "creator_1", "model_id", "m"))
                .build();
    }

    static String sign(JWK key, JOSEObjectType type, JWTClaimsSet claims) throws Exception {
        JWSAlgorithm alg = key instanceof ECKey ? JWSAlgorithm.ES256 : JWSAlgorithm.EdDSA;
        JWSSigner signer = key instanceof ECKey ec ? new ECDSASigner(ec) : new Ed25519Signer((OctetKeyPair) key);
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(alg).keyID(key.getKeyID()).type(type).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }
}
