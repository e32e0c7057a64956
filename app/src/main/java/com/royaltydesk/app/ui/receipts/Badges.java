package com.royaltydesk.app.ui.receipts;

import com.royaltydesk.verify.ReceiptStatus;

/** The words on the verification badge: the verdict first, in plain words (SPEC §2a). */
final class Badges {

    private Badges() {}

    static String text(ReceiptStatus status) {
        return switch (status) {
            case VERIFIED -> "Verified — signed by a key you trust, and in the log";
            case UNTRUSTED_SIGNER -> "Untrusted signer — no platform you trust signed this";
            case KEY_NOT_VALID_THEN -> "Key not valid then — signed outside the key's trusted window";
            case SANDBOX -> "Sandbox — the math holds, but it is not evidence";
            case LOG_FORKED -> "LOG FORKED — the log showed two histories";
            case UNWITNESSED -> "Unwitnessed — not enough witness cosignatures";
            case BAD_SIGNATURE -> "Bad signature";
            case EXPIRED -> "Expired";
            case NOT_IN_LOG -> "Not in log";
            case WRONG_TYPE -> "Not a receipt";
            case UNSUPPORTED_ALGORITHM -> "Unsupported algorithm";
            case WRONG_ISSUER -> "Wrong issuer";
            case MALFORMED -> "Malformed";
        };
    }

    /** A verified receipt under the sandbox the user trusts on purpose: said before anything else. */
    static String sandboxVerified() {
        return "Verified — sandbox receipt, not evidence";
    }
}
