package com.royaltydesk.verify;

import com.royaltydesk.verify.trust.TrustPolicy;
import java.time.Instant;
import java.util.Map;

/**
 * The result of checking one receipt JWT: the verdict, why, which held trust root and key vouched
 * (null when none did; set for {@code VERIFIED} and for {@code SANDBOX}, whose key a root lists), and what was read from it (present whenever the JWT could be parsed, even
 * when the verdict is negative, so a reviewer can see it).
 */
public record ReceiptCheck(
        ReceiptStatus status,
        String detail,
        TrustPolicy.Found vouchedBy,
        String kid,
        String alg,
        String issuer,
        String receiptId,
        Instant issuedAt,
        Instant expiresAt,
        Map<String, Object> header,
        Map<String, Object> payload) {

    public boolean isVerified() {
        return status == ReceiptStatus.VERIFIED;
    }

    /** Signed with a sandbox key a held root lists (verified only where that sandbox is trusted on purpose). */
    public boolean isSandbox() {
        return vouchedBy != null
                && vouchedBy.key().environment() == com.royaltydesk.verify.trust.TrustedKey.Environment.SANDBOX;
    }
}
