package com.royaltydesk.app.ui.receipts;

import com.royaltydesk.verify.ReceiptStatus;

/** The words on the verification badge. */
final class Badges {

    private Badges() {}

    static String text(ReceiptStatus status) {
        return switch (status) {
            case VALID -> "Valid — signed and in the log";
            case BAD_SIGNATURE -> "Bad signature";
            case UNKNOWN_KEY -> "Unknown key";
            case EXPIRED -> "Expired";
            case NOT_IN_LOG -> "Not in log";
            case WRONG_TYPE -> "Not a receipt";
            case UNSUPPORTED_ALGORITHM -> "Unsupported algorithm";
            case WRONG_ISSUER -> "Wrong issuer";
            case MALFORMED -> "Malformed";
        };
    }
}
