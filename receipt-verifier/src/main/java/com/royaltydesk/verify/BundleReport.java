package com.royaltydesk.verify;

import java.util.List;

/**
 * Everything an offline bundle check found: each check by name with its outcome and detail (what a
 * legal reviewer reads), the receipt's own verdict, and the overall status.
 */
public record BundleReport(ReceiptStatus status, ReceiptCheck receipt, List<Check> checks) {

    /** One thing that was checked. */
    public record Check(String name, boolean passed, String detail) {}

    public boolean verified() {
        return status == ReceiptStatus.VALID;
    }
}
