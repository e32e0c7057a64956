package com.royaltydesk.verify;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.royaltydesk.verify.trust.TrustPolicy;
import com.royaltydesk.verify.trust.TrustRoot;
import com.royaltydesk.verify.trust.TrustRootException;
import com.royaltydesk.verify.trust.TrustedKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies a receipt JWT against the trust roots a verifier holds (SPEC §2a): the key by {@code
 * kid} from a held root with purpose {@code receipts}, the signature with that key (never with a key
 * the receipt's carrier supplied), {@code alg}, {@code typ}, {@code iss} against the root's issuer,
 * {@code exp}/{@code iat} with a small clock skew, {@code iat} inside the key's window, and sandbox
 * keys only where the sandbox is trusted on purpose. Hints (a bundle's JWKS) only sharpen the
 * message when a receipt is refused.
 */
public final class ReceiptVerifier {

    public static final JOSEObjectType RECEIPT_TYPE = new JOSEObjectType("rdk-receipt+jwt");
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(2);

    private final Clock clock;

    public ReceiptVerifier(Clock clock) {
        this.clock = clock;
    }

    /** Against a JWKS the caller chose to trust, taken as a root with open windows. */
    public ReceiptCheck verify(String jwt, JWKSet trustedJwks) {
        try {
            return verify(jwt, TrustPolicy.of(TrustRoot.fromJwks(trustedJwks, "JWKS", null)), null);
        } catch (TrustRootException e) {
            return failed(ReceiptStatus.UNTRUSTED_SIGNER, e.getMessage());
        }
    }

    public ReceiptCheck verify(String jwt, TrustPolicy trust, JWKSet hints) {
        SignedJWT parsed;
        JWTClaimsSet claims;
        try {
            parsed = SignedJWT.parse(jwt.trim());
            claims = parsed.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            return failed(ReceiptStatus.MALFORMED, "not a compact JWS: " + e.getMessage());
        }
        Parsed receipt = new Parsed(parsed, claims);
        if (!RECEIPT_TYPE.equals(parsed.getHeader().getType())) {
            return receipt.result(
                    ReceiptStatus.WRONG_TYPE, "typ is " + parsed.getHeader().getType() + ", not " + RECEIPT_TYPE, null);
        }
        if (!SignatureCheck.allowed(parsed)) {
            return receipt.result(
                    ReceiptStatus.UNSUPPORTED_ALGORITHM,
                    "algorithm " + parsed.getHeader().getAlgorithm() + " is not accepted (EdDSA or ES256 only)",
                    null);
        }
        String kid = parsed.getHeader().getKeyID();
        Optional<TrustPolicy.Found> found =
                kid == null ? Optional.empty() : trust.find(kid, TrustedKey.Purpose.RECEIPTS);
        if (found.isEmpty()) {
            return receipt.result(ReceiptStatus.UNTRUSTED_SIGNER, untrusted(parsed, kid, hints), null);
        }
        TrustedKey key = found.get().key();
        if (!SignatureCheck.verifies(parsed, key.jwk())) {
            Optional<JWK> impostor = hint(parsed, kid, hints);
            return impostor.isPresent()
                    ? receipt.result(
                            ReceiptStatus.UNTRUSTED_SIGNER,
                            "signed by a key presenting kid " + kid + " with thumbprint "
                                    + TrustedKey.thumbprintOf(impostor.get()) + "; the trusted key with that kid has "
                                    + key.thumbprint(),
                            null)
                    : receipt.result(
                            ReceiptStatus.BAD_SIGNATURE, "signature does not verify with the trusted key " + kid, null);
        }
        return checkClaims(receipt, found.get());
    }

    private ReceiptCheck checkClaims(Parsed receipt, TrustPolicy.Found found) {
        JWTClaimsSet claims = receipt.claims();
        TrustedKey key = found.key();
        if (claims.getSubject() == null || !(claims.getClaim("payload") instanceof Map)) {
            return receipt.result(ReceiptStatus.MALFORMED, "a receipt needs sub and a payload object", null);
        }
        String issuer = found.held().root().issuer();
        if (issuer != null && !issuer.equals(claims.getIssuer())) {
            return receipt.result(
                    ReceiptStatus.WRONG_ISSUER,
                    "issued by " + claims.getIssuer() + ", the trust root is " + issuer,
                    null);
        }
        Instant now = clock.instant();
        Instant exp = instant(claims.getExpirationTime());
        Instant iat = instant(claims.getIssueTime());
        if (exp == null || iat == null) {
            return receipt.result(ReceiptStatus.MALFORMED, "a receipt needs iat and exp", null);
        }
        if (now.minus(CLOCK_SKEW).isAfter(exp)) {
            return receipt.result(ReceiptStatus.EXPIRED, "expired at " + exp, null);
        }
        if (iat.isAfter(now.plus(CLOCK_SKEW))) {
            return receipt.result(ReceiptStatus.EXPIRED, "issued in the future (" + iat + ")", null);
        }
        if (!key.validFor().contains(iat)) {
            return receipt.result(
                    ReceiptStatus.KEY_NOT_VALID_THEN,
                    "issued " + iat + ", outside the window of key " + key.describe(),
                    null);
        }
        if (key.environment() == TrustedKey.Environment.SANDBOX && !found.held().sandboxTrusted()) {
            return receipt.result(
                    ReceiptStatus.SANDBOX,
                    "signed by sandbox key " + key.describe()
                            + ": the math holds, but a sandbox receipt is not evidence",
                    found); // kept: a bundle check goes on to the log, so "the math holds" is true
        }
        return receipt.result(ReceiptStatus.VERIFIED, "signed by " + key.describe() + vouchSource(found), found);
    }

    private static String vouchSource(TrustPolicy.Found found) {
        String source = found.held().root().source();
        return source == null ? "" : ", vouched for by the trust root from " + source;
    }

    private static String untrusted(SignedJWT jwt, String kid, JWKSet hints) {
        return hint(jwt, kid, hints)
                .map(k -> "signed by key " + kid + " (thumbprint " + TrustedKey.thumbprintOf(k)
                        + ") that no trust root you hold lists; the bundle's own keys are hints, not trust")
                .orElse("no trust root you hold lists key " + kid);
    }

    /** The hinted key under {@code kid} if it verifies the JWS: who really signed, for the message. */
    private static Optional<JWK> hint(SignedJWT jwt, String kid, JWKSet hints) {
        if (hints == null || kid == null) {
            return Optional.empty();
        }
        JWK key = hints.getKeyByKeyId(kid);
        return key != null && !key.isPrivate() && SignatureCheck.verifies(jwt, key)
                ? Optional.of(key)
                : Optional.empty();
    }

    private record Parsed(SignedJWT jwt, JWTClaimsSet claims) {
        ReceiptCheck result(ReceiptStatus status, String detail, TrustPolicy.Found vouchedBy) {
            Object payload = claims.getClaim("payload");
            @SuppressWarnings("unchecked")
            Map<String, Object> payloadMap = payload instanceof Map ? (Map<String, Object>) payload : Map.of();
            return new ReceiptCheck(
                    status,
                    detail,
                    vouchedBy,
                    jwt.getHeader().getKeyID(),
                    jwt.getHeader().getAlgorithm().getName(),
                    claims.getIssuer(),
                    claims.getSubject(),
                    instant(claims.getIssueTime()),
                    instant(claims.getExpirationTime()),
                    jwt.getHeader().toJSONObject(),
                    payloadMap);
        }
    }

    private static ReceiptCheck failed(ReceiptStatus status, String detail) {
        return new ReceiptCheck(status, detail, null, null, null, null, null, null, null, Map.of(), Map.of());
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
