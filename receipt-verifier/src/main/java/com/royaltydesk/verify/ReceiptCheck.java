package com.royaltydesk.verify;

import java.time.Instant;
import java.util.Map;

/**
 * The result of checking one receipt JWT: the verdict, why, and what was read from it (present
 * whenever the JWT could be parsed, even when the verdict is negative, so a reviewer can see it).
 */
public record ReceiptCheck(
        ReceiptStatus status,
        String detail,
        String kid,
        String alg,
        String issuer,
        String receiptId,
        Instant issuedAt,
        Instant expiresAt,
        Map<String, Object> header,
        Map<String, Object> payload) {

    public boolean isValid() {
        return status == ReceiptStatus.VALID;
    }
}
