package com.royaltydesk.verify;

/** The verdict on one receipt or bundle (SPEC §2a), as the app's badge and the CLI show it. */
public enum ReceiptStatus {
    /** Signed by a key a held trust root vouches for, valid then, and (for bundles) in the log. */
    VERIFIED,
    /** Not a compact JWS with the claims a receipt must have, or a bundle that cannot be read. */
    MALFORMED,
    /** A JWS, but not a receipt ({@code typ} is not {@code rdk-receipt+jwt}). */
    WRONG_TYPE,
    /** Signed with an algorithm receipts never use ({@code none}, HMAC, RSA …). */
    UNSUPPORTED_ALGORITHM,
    /** Signed by a key no held trust root lists for that purpose (whatever the bundle carries). */
    UNTRUSTED_SIGNER,
    /** A trusted key, but outside its validity window at the receipt's or checkpoint's time. */
    KEY_NOT_VALID_THEN,
    /** A sandbox key: the math holds, but it is not evidence (unless the sandbox is trusted on purpose). */
    SANDBOX,
    /** The signature does not verify with the trusted key (or the key does not fit the algorithm). */
    BAD_SIGNATURE,
    /** Past its {@code exp}, or issued in the future. */
    EXPIRED,
    /** Signed with a trusted key but naming another issuer than its trust root's. */
    WRONG_ISSUER,
    /** Signature fine, but the log does not prove it was recorded. */
    NOT_IN_LOG,
    /** Fewer witness cosignatures on the checkpoint than the witness policy asks for. */
    UNWITNESSED,
    /** The log showed this verifier two histories that cannot both be true. */
    LOG_FORKED;

    /** Whether this verdict means "not trusted" rather than "a check failed" (CLI exit code 2). */
    public boolean isTrustVerdict() {
        return this == UNTRUSTED_SIGNER || this == KEY_NOT_VALID_THEN || this == SANDBOX || this == UNWITNESSED;
    }
}
