package com.royaltydesk.platform.receipts;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import java.security.MessageDigest;
import java.util.Set;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * EdDSA (Ed25519) JWS signatures with Bouncy Castle's RFC 8032 code instead of Nimbus's signer
 * (Tink underneath): the same signatures — Ed25519 is deterministic, and the tests hold both to
 * that and to RFC 8032's vectors — at a fraction of the CPU and allocation a receipt costs (issue
 * #15, decision 0026). Verification stays with the receipt-verifier's own code, which does not use
 * this class.
 */
final class Ed25519JwsSigner implements JWSSigner {

    private final byte[] privateKey;
    private final byte[] publicKey = new byte[Ed25519.PUBLIC_KEY_SIZE];
    private final JCAContext jca = new JCAContext();

    /** Refuses a key that is not Ed25519, or whose public half is not the one its private half makes. */
    Ed25519JwsSigner(OctetKeyPair key) {
        if (!Curve.Ed25519.equals(key.getCurve()) || key.getD() == null) {
            throw new IllegalArgumentException("an Ed25519 private key is needed, not " + key.getCurve());
        }
        this.privateKey = key.getDecodedD();
        if (privateKey.length != Ed25519.SECRET_KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 private key is " + Ed25519.SECRET_KEY_SIZE + " bytes");
        }
        Ed25519.generatePublicKey(privateKey, 0, publicKey, 0);
        // RFC 8032 signs with the public key derived from the private one; a stored x that differs
        // means a damaged key, whose signatures nobody could verify against the JWKS.
        if (!MessageDigest.isEqual(publicKey, key.getDecodedX())) {
            throw new IllegalArgumentException("the key's public half (x) is not the one its private half (d) makes");
        }
    }

    @Override
    public Base64URL sign(JWSHeader header, byte[] signingInput) {
        byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
        Ed25519.sign(privateKey, 0, publicKey, 0, signingInput, 0, signingInput.length, signature, 0);
        return Base64URL.encode(signature);
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return Set.of(JWSAlgorithm.EdDSA);
    }

    @Override
    public JCAContext getJCAContext() {
        return jca;
    }
}
