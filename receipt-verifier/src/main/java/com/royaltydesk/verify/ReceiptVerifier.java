package com.royaltydesk.verify;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/**
 * Verifies a receipt JWT with nothing but a JWKS (SPEC §2): key by {@code kid}, signature, {@code
 * alg} against the key, {@code typ}, {@code iss} when one is expected, and {@code exp}/{@code iat}
 * with a small clock skew. The platform and the app use this same class.
 */
public final class ReceiptVerifier {

    public static final JOSEObjectType RECEIPT_TYPE = new JOSEObjectType("rdk-receipt+jwt");
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(2);

    private final Clock clock;
    private final String expectedIssuer;

    /** {@code expectedIssuer} null accepts any issuer (the JWKS already pins the signer). */
    public ReceiptVerifier(Clock clock, String expectedIssuer) {
        this.clock = clock;
        this.expectedIssuer = expectedIssuer;
    }

    public ReceiptCheck verify(String jwt, JWKSet jwks) {
        SignedJWT parsed;
        JWTClaimsSet claims;
        try {
            parsed = SignedJWT.parse(jwt.trim());
            claims = parsed.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            return failed(ReceiptStatus.MALFORMED, "not a compact JWS: " + e.getMessage());
        }
        if (!RECEIPT_TYPE.equals(parsed.getHeader().getType())) {
            return result(
                    parsed,
                    claims,
                    ReceiptStatus.WRONG_TYPE,
                    "typ is " + parsed.getHeader().getType() + ", not " + RECEIPT_TYPE);
        }
        SignatureCheck.Outcome signature = SignatureCheck.verify(parsed, jwks);
        if (!signature.ok()) {
            return result(parsed, claims, signature.failure(), signature.detail());
        }
        if (claims.getSubject() == null || !(claims.getClaim("payload") instanceof Map)) {
            return result(parsed, claims, ReceiptStatus.MALFORMED, "a receipt needs sub and a payload object");
        }
        if (expectedIssuer != null && !expectedIssuer.equals(claims.getIssuer())) {
            return result(
                    parsed,
                    claims,
                    ReceiptStatus.WRONG_ISSUER,
                    "issued by " + claims.getIssuer() + ", expected " + expectedIssuer);
        }
        Instant now = clock.instant();
        Instant exp = instant(claims.getExpirationTime());
        Instant iat = instant(claims.getIssueTime());
        if (exp == null || iat == null) {
            return result(parsed, claims, ReceiptStatus.MALFORMED, "a receipt needs iat and exp");
        }
        if (now.minus(CLOCK_SKEW).isAfter(exp)) {
            return result(parsed, claims, ReceiptStatus.EXPIRED, "expired at " + exp);
        }
        if (iat.isAfter(now.plus(CLOCK_SKEW))) {
            return result(parsed, claims, ReceiptStatus.EXPIRED, "issued in the future (" + iat + ")");
        }
        return result(
                parsed,
                claims,
                ReceiptStatus.VALID,
                "signature verified with key " + parsed.getHeader().getKeyID());
    }

    private static ReceiptCheck result(SignedJWT jwt, JWTClaimsSet claims, ReceiptStatus status, String detail) {
        Object payload = claims.getClaim("payload");
        @SuppressWarnings("unchecked")
        Map<String, Object> payloadMap = payload instanceof Map ? (Map<String, Object>) payload : Map.of();
        return new ReceiptCheck(
                status,
                detail,
                jwt.getHeader().getKeyID(),
                jwt.getHeader().getAlgorithm().getName(),
                claims.getIssuer(),
                claims.getSubject(),
                instant(claims.getIssueTime()),
                instant(claims.getExpirationTime()),
                jwt.getHeader().toJSONObject(),
                payloadMap);
    }

    private static ReceiptCheck failed(ReceiptStatus status, String detail) {
        return new ReceiptCheck(status, detail, null, null, null, null, null, null, Map.of(), Map.of());
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
