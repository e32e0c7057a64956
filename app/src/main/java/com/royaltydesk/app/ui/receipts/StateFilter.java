package com.royaltydesk.app.ui.receipts;

import com.royaltydesk.verify.ReceiptStatus;

/** Which receipts the table shows by their signature state. */
public enum StateFilter {
    ALL("Any state"),
    VALID("Valid signature"),
    NOT_VALID("Not valid"),
    NOT_CHECKED("Not checked yet");

    private final String label;

    StateFilter(String label) {
        this.label = label;
    }

    boolean accepts(ReceiptStatus state) {
        return switch (this) {
            case ALL -> true;
            case VALID -> state == ReceiptStatus.VALID;
            case NOT_VALID -> state != null && state != ReceiptStatus.VALID;
            case NOT_CHECKED -> state == null;
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
