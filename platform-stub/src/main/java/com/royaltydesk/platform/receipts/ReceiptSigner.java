package com.royaltydesk.platform.receipts;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/** Signs receipt JWTs (checkpoints are signed notes: {@code log.CheckpointNote}) with a {@link SigningKey}; knows the header and claim layout. */
public final class ReceiptSigner {

    public static final JOSEObjectType RECEIPT_TYPE = new JOSEObjectType("rdk-receipt+jwt");

    private final String issuer;

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

    private static String sign(SigningKey key, JOSEObjectType type, JWTClaimsSet claims) {
        JWSHeader header = new JWSHeader.Builder(key.algorithm().jws())
                .keyID(key.kid())
                .type(type)
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(key.algorithm().signer(key.privateJwk()));
        } catch (JOSEException e) {
            throw new IllegalStateException("signing with " + key.kid() + " failed", e);
        }
        return jwt.serialize();
    }
}
