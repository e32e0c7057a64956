package com.royaltydesk.app.review;

import com.royaltydesk.app.verify.ReceiptChecker;
import com.royaltydesk.verify.BundleReport;
import java.nio.file.Path;
import java.time.Instant;

/**
 * One bundle on the reviewer's desk: the file and its SHA-256 (the report's header names both), what
 * checking it found and when, a comparison with the reviewer's own file once they made one, and an
 * online check of its log once they asked for one.
 */
public record ReviewedBundle(
        Path file,
        String fileSha256,
        ReceiptChecker.Checked checked,
        Instant checkedAt,
        Comparison comparison,
        OnlineCheck online) {

    /** A bundle just checked: nothing compared, nothing asked online yet. */
    public ReviewedBundle(Path file, String fileSha256, ReceiptChecker.Checked checked, Instant checkedAt) {
        this(file, fileSha256, checked, checkedAt, null, null);
    }

    public BundleReport report() {
        return checked.report();
    }

    public ReviewedBundle comparedWith(Comparison next) {
        return new ReviewedBundle(file, fileSha256, checked, checkedAt, next, online);
    }

    public ReviewedBundle checkedOnline(OnlineCheck next) {
        return new ReviewedBundle(file, fileSha256, checked, checkedAt, comparison, next);
    }

    /** The proven content hash the receipt names ({@code sha256:…}), or null. */
    public String provenContent() {
        if (report().receipt() == null || report().receipt().payload() == null) {
            return null;
        }
        Object hash = report().receipt().payload().get("dataset_sha256");
        return hash == null ? null : hash.toString();
    }
}
