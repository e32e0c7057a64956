package com.royaltydesk.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.royaltydesk.verify.BundleReport;
import com.royaltydesk.verify.trust.TrustPolicy;
import com.royaltydesk.verify.trust.TrustedKey;
import java.nio.file.Path;

/** One bundle's verdict as {@code verify --json} prints it: stable snake_case fields for scripts. */
public final class VerdictJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private VerdictJson() {}

    public static ObjectNode of(Path file, BundleReport report) {
        ObjectNode node = JSON.createObjectNode();
        node.put("file", file.toString());
        node.put("verdict", report.status().name());
        node.put("exit_code", VerifyCommand.exitFor(report));
        TrustPolicy.Found found =
                report.receipt() == null ? null : report.receipt().vouchedBy();
        if (found != null) {
            TrustedKey key = found.key();
            ObjectNode vouch = node.putObject("vouched_by");
            vouch.put("trust_root", found.held().root().source());
            vouch.put("issuer", found.held().root().issuer());
            vouch.put("kid", key.kid());
            vouch.put("thumbprint", key.thumbprint());
            vouch.put("environment", key.environment().wire());
            vouch.put("valid_from", key.validFor().start().toString());
            vouch.put(
                    "valid_until",
                    key.validFor().end() == null ? null : key.validFor().end().toString());
        }
        if (report.receipt() != null) {
            node.put("receipt_id", report.receipt().receiptId());
            node.set("payload", JSON.valueToTree(report.receipt().payload()));
        }
        if (report.log() != null) {
            ObjectNode log = node.putObject("log");
            log.put("origin", report.log().origin());
            log.put("log_index", report.log().logIndex());
            log.put("tree_size", report.log().treeSize());
            log.put("checkpoint_time", report.log().checkpointTime().toString());
            log.set("witnesses", JSON.valueToTree(report.log().witnesses()));
        }
        var checks = node.putArray("checks");
        for (BundleReport.Check check : report.checks()) {
            checks.addObject()
                    .put("name", check.name())
                    .put("passed", check.passed())
                    .put("detail", check.detail());
        }
        if (report.forkEvidence() != null) {
            node.put("fork_evidence", report.forkEvidence().toString());
        }
        return node;
    }
}
