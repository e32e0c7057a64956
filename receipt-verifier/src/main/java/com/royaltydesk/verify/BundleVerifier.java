package com.royaltydesk.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;
import com.royaltydesk.verify.state.CheckpointMemory;
import com.royaltydesk.verify.state.ConsistencyProofs;
import com.royaltydesk.verify.trust.TrustPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies a receipt bundle offline against the trust a verifier holds (SPEC §2a): the receipt
 * against a held root's key, the checkpoint against the same root's log key (and the witness
 * policy), the inclusion proof against the checkpoint's root, and — with a memory — the checkpoint
 * against what this machine saw before. Keys inside the bundle are hints: they name who signed a
 * refused receipt, never make it pass.
 */
public final class BundleVerifier {

    public static final String FORMAT_1 = "rdk-receipt-bundle/1";
    public static final String FORMAT_2 = "rdk-receipt-bundle/2";
    /** A bundle larger than this is refused before it is parsed. */
    public static final int MAX_BYTES = 1 << 20;

    private final ReceiptVerifier receipts;
    private final TrustPolicy trust;
    private final SplitViewCheck splitView;
    private final ObjectMapper json = new ObjectMapper();

    /** {@code memory} null: a verifier without state (nothing remembered, no fork detection). */
    public BundleVerifier(Clock clock, TrustPolicy trust, CheckpointMemory memory) {
        this.receipts = new ReceiptVerifier(clock);
        this.trust = trust;
        this.splitView = memory == null ? null : new SplitViewCheck(memory, clock);
    }

    public BundleReport verify(String bundleJson) {
        return verify(bundleJson, ConsistencyProofs.NONE);
    }

    /** {@code online} supplies consistency proofs the bundle lacks (the platform, when reachable). */
    public BundleReport verify(String bundleJson, ConsistencyProofs online) {
        List<BundleReport.Check> checks = new ArrayList<>();
        JsonNode bundle = parse(bundleJson, checks);
        if (bundle == null) {
            return new BundleReport(ReceiptStatus.MALFORMED, null, null, checks, null);
        }
        String format = bundle.path("format").asText();
        boolean legacy = FORMAT_1.equals(format);
        checks.add(new BundleReport.Check(
                "bundle format",
                legacy || FORMAT_2.equals(format),
                "format " + format + (legacy ? " (old format)" : "")));
        if (!legacy && !FORMAT_2.equals(format)) {
            return new BundleReport(ReceiptStatus.MALFORMED, null, null, checks, null);
        }

        String jwt = bundle.path("receipt_jwt").asText();
        ReceiptCheck receipt = receipts.verify(jwt, trust, hints(bundle, legacy));
        // A sandbox receipt is checked to the end like any other: SANDBOX means the whole bundle holds.
        boolean sandbox = receipt.status() == ReceiptStatus.SANDBOX;
        checks.add(new BundleReport.Check(
                "receipt signed by a key you trust, valid then", receipt.isVerified() || sandbox, receipt.detail()));
        if (!receipt.isVerified() && !sandbox) {
            return new BundleReport(receipt.status(), receipt, null, checks, null);
        }
        TrustPolicy.Held held = receipt.vouchedBy().held();
        CheckpointCheck.Outcome checkpoint = legacy
                ? CheckpointCheck.legacy(bundle.path("checkpoint"), held, trust.witnesses())
                : CheckpointCheck.note(bundle.path("checkpoint").path("note").asText(), held, trust.witnesses());
        if (checkpoint.accepted() == null) {
            checks.add(new BundleReport.Check(
                    "checkpoint signed by the log key of that trust root", false, checkpoint.detail()));
            return new BundleReport(checkpoint.failure(), receipt, null, checks, null);
        }
        return inTheLog(bundle, receipt, checkpoint.accepted(), sandbox, checks, online);
    }

    /** The receipt in the accepted checkpoint's tree, and that checkpoint against what this machine saw. */
    private BundleReport inTheLog(
            JsonNode bundle,
            ReceiptCheck receipt,
            CheckpointCheck.Accepted accepted,
            boolean sandbox,
            List<BundleReport.Check> checks,
            ConsistencyProofs online) {
        String jwt = bundle.path("receipt_jwt").asText();
        checks.add(new BundleReport.Check(
                "checkpoint signed by the log key of that trust root",
                true,
                "log " + accepted.checkpoint().origin() + ", size "
                        + accepted.checkpoint().treeSize() + ", signed " + accepted.time() + witnessLine(accepted)));
        boolean issuedBefore = !receipt.issuedAt().isAfter(accepted.time().plus(ReceiptVerifier.CLOCK_SKEW));
        checks.add(new BundleReport.Check(
                "receipt issued before the checkpoint",
                issuedBefore,
                "issued " + receipt.issuedAt() + ", checkpoint " + accepted.time()));

        JsonNode proof = bundle.path("inclusion_proof");
        boolean included = inclusion(jwt, proof, accepted, checks);
        BundleReport.LogPosition position = new BundleReport.LogPosition(
                accepted.checkpoint().origin(),
                proof.path("log_index").asLong(-1),
                accepted.checkpoint().treeSize(),
                accepted.time(),
                accepted.witnesses());

        Path forkEvidence = null;
        if (splitView != null && accepted.note() != null && included && issuedBefore) {
            SplitViewCheck.Outcome compared = splitView.compare(
                    new CheckpointMemory.Seen(accepted.checkpoint(), accepted.note()),
                    carried(bundle).or(online));
            checks.add(compared.check());
            forkEvidence = compared.forkEvidence();
        }
        ReceiptStatus status = forkEvidence != null
                ? ReceiptStatus.LOG_FORKED
                : !included || !issuedBefore
                        ? ReceiptStatus.NOT_IN_LOG
                        : sandbox ? ReceiptStatus.SANDBOX : ReceiptStatus.VERIFIED;
        return new BundleReport(status, receipt, position, checks, forkEvidence);
    }

    /** The bundle as a JSON object, or null with the reason added to {@code checks}. */
    private JsonNode parse(String bundleJson, List<BundleReport.Check> checks) {
        try {
            if (bundleJson.length() > MAX_BYTES) {
                throw new IllegalArgumentException("larger than " + MAX_BYTES + " bytes");
            }
            JsonNode bundle = json.readTree(bundleJson);
            if (bundle == null || !bundle.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            return bundle;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            checks.add(new BundleReport.Check("bundle is readable", false, "not a receipt bundle: " + e.getMessage()));
            return null;
        }
    }

    private static String witnessLine(CheckpointCheck.Accepted accepted) {
        return accepted.witnesses().isEmpty()
                ? "; no witness cosignatures checked"
                : "; cosigned by " + accepted.witnesses();
    }

    private JWKSet hints(JsonNode bundle, boolean legacy) {
        JsonNode jwks = legacy ? bundle.path("jwks") : bundle.path("hints").path("jwks");
        try {
            return jwks.isObject() ? JWKSet.parse(json.convertValue(jwks, Map.class)) : null;
        } catch (ParseException | IllegalArgumentException e) {
            return null; // a hint that cannot be read is no hint
        }
    }

    /** Consistency proofs the bundle carries: {@code consistency_proofs: [{first, second, hashes}]}. */
    private static ConsistencyProofs carried(JsonNode bundle) {
        JsonNode proofs = bundle.path("consistency_proofs");
        return (origin, first, second) -> {
            for (JsonNode p : proofs) {
                if (p.path("first").asLong(-1) == first && p.path("second").asLong(-1) == second) {
                    try {
                        return Optional.of(hashes(p.path("hashes")));
                    } catch (IllegalArgumentException e) {
                        return Optional.empty();
                    }
                }
            }
            return Optional.empty();
        };
    }

    private static boolean inclusion(
            String jwt, JsonNode proof, CheckpointCheck.Accepted checkpoint, List<BundleReport.Check> checks) {
        String name = "inclusion proof against the checkpoint root";
        try {
            byte[] leaf = MerkleProofs.leafHash(jwt.getBytes(StandardCharsets.US_ASCII));
            long index = proof.path("log_index").asLong(-1);
            long size = proof.path("tree_size").asLong(-1);
            boolean sameTree = size == checkpoint.checkpoint().treeSize();
            boolean included = sameTree
                    && MerkleProofs.verifyInclusion(
                            leaf,
                            index,
                            size,
                            hashes(proof.path("hashes")),
                            checkpoint.checkpoint().rootHash());
            checks.add(new BundleReport.Check(
                    name,
                    included,
                    sameTree
                            ? "entry " + index + " of " + size
                                    + (included ? " is in the log" : " is NOT proven in the log")
                                    + " (leaf SHA-256(0x00 ‖ receipt) = "
                                    + HexFormat.of().formatHex(leaf) + ")"
                            : "proof is for tree size " + size + ", checkpoint is "
                                    + checkpoint.checkpoint().treeSize()));
            return included;
        } catch (IllegalArgumentException e) {
            checks.add(new BundleReport.Check(name, false, "unreadable proof: " + e.getMessage()));
            return false;
        }
    }

    private static List<byte[]> hashes(JsonNode array) {
        if (!array.isArray() || array.size() > 64) {
            throw new IllegalArgumentException("proof hashes are an array of at most 64");
        }
        List<byte[]> hashes = new ArrayList<>();
        array.forEach(h -> hashes.add(HexFormat.of().parseHex(h.asText())));
        return hashes;
    }
}
