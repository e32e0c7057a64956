package com.royaltydesk.verify;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Everything an offline bundle check found: the verdict, the receipt's own check (with which root
 * and key vouched), where the receipt sits in the log, each check by name with its outcome and
 * detail (what a legal reviewer reads), and where fork evidence was saved, if a fork was caught.
 */
public record BundleReport(
        ReceiptStatus status, ReceiptCheck receipt, LogPosition log, List<Check> checks, Path forkEvidence) {

    /** One thing that was checked. */
    public record Check(String name, boolean passed, String detail) {}

    /** The checkpoint the receipt was proven against. */
    public record LogPosition(
            String origin, long logIndex, long treeSize, Instant checkpointTime, List<String> witnesses) {}

    public BundleReport {
        checks = List.copyOf(checks);
    }

    public boolean verified() {
        return status == ReceiptStatus.VERIFIED;
    }

    /** The verdict line a person reads first: "VERIFIED", "UNTRUSTED_SIGNER: …". */
    public String headline() {
        String why = checks.stream()
                .filter(c -> !c.passed())
                .map(Check::detail)
                .findFirst()
                .orElse(receipt == null ? "" : receipt.detail());
        return status + (status == ReceiptStatus.VERIFIED ? "" : ": " + why);
    }
}
