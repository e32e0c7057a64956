package com.royaltydesk.platform.receipts;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Signs receipt JWTs (checkpoints are signed notes: {@code log.CheckpointNote}) with a {@link SigningKey}; knows the header and claim layout. */
public final class ReceiptSigner {

    public static final JOSEObjectType RECEIPT_TYPE = new JOSEObjectType("rdk-receipt+jwt");

    private final String issuer;
    /**
     * One signer per key, made once: making an Ed25519 signer derives the public key (a scalar
     * multiplication as costly as the signature itself). Nimbus's signers are safe to share.
     */
    private final Map<String, JWSSigner> signers = new ConcurrentHashMap<>();

    public ReceiptSigner(String issuer) {
        this.issuer = issuer;
    }

    public String issuer() {
        return issuer;
    }

    /** A receipt: {@code iss, sub} (the receipt id), {@code iat, exp, jti} and the {@code payload}. */
    public String signReceipt(
            SigningKey key, String receiptId, Instant issuedAt, Instant expiresAt, Map<String, Object> payload) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(receiptId)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString())
                .claim("payload", payload)
                .build();
        return sign(key, RECEIPT_TYPE, claims);
    }

    private String sign(SigningKey key, JOSEObjectType type, JWTClaimsSet claims) {
        JWSHeader header = new JWSHeader.Builder(key.algorithm().jws())
                .keyID(key.kid())
                .type(type)
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signerFor(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("signing with " + key.kid() + " failed", e);
        }
        return jwt.serialize();
    }

    private JWSSigner signerFor(SigningKey key) throws JOSEException {
        JWSSigner signer = signers.get(key.kid());
        if (signer == null) {
            signer = key.algorithm().signer(key.privateJwk());
            signers.putIfAbsent(key.kid(), signer);
        }
        return signer;
    }
}
