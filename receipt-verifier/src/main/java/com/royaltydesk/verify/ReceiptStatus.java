package com.royaltydesk.verify;

/** The verdict on one receipt, as the app's badge shows it. */
public enum ReceiptStatus {
    /** Signature, key, type, issuer and time window all check out (and the log proof, where checked). */
    VALID,
    /** Not a compact JWS with the claims a receipt must have. */
    MALFORMED,
    /** A JWS, but not a receipt ({@code typ} is not {@code rdk-receipt+jwt}). */
    WRONG_TYPE,
    /** Signed with an algorithm receipts never use ({@code none}, HMAC, RSA …). */
    UNSUPPORTED_ALGORITHM,
    /** No key with the receipt's {@code kid} in the JWKS. */
    UNKNOWN_KEY,
    /** The signature does not verify with the named key (or the key does not fit the algorithm). */
    BAD_SIGNATURE,
    /** Past its {@code exp}, or issued in the future. */
    EXPIRED,
    /** Signed by someone other than the expected issuer. */
    WRONG_ISSUER,
    /** Signature fine, but the log does not prove it was recorded. */
    NOT_IN_LOG
}
