package com.royaltydesk.app.ui.receipts;

import com.royaltydesk.verify.ReceiptStatus;

/** Which receipts the table shows by their signature state. */
public enum StateFilter {
    ALL("Any state"),
    VERIFIED("Verified"),
    NOT_VERIFIED("Not verified"),
    NOT_CHECKED("Not checked yet");

    private final String label;

    StateFilter(String label) {
        this.label = label;
    }

    boolean accepts(ReceiptStatus state) {
        return switch (this) {
            case ALL -> true;
            case VERIFIED -> state == ReceiptStatus.VERIFIED;
            case NOT_VERIFIED -> state != null && state != ReceiptStatus.VERIFIED;
            case NOT_CHECKED -> state == null;
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
