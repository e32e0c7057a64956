package com.royaltydesk.platform.receipts;

import com.nimbusds.jose.jwk.JWK;
import com.royaltydesk.platform.ApiException;
import com.royaltydesk.platform.log.ReceiptLog;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a stranger needs to check the log: signed checkpoints, inclusion and consistency proofs, and
 * the offline bundle that packs a receipt with its keys, a checkpoint and its inclusion proof.
 */
public final class LogEvidence {

    /** A signed statement of the log's size and root hash at a moment. */
    public record Checkpoint(long treeSize, String rootHash, Instant timestamp, String kid, String jws) {}

    /** RFC 9162 inclusion proof of one receipt in the tree of {@code treeSize}. */
    public record InclusionProof(
            String receiptId, long logIndex, long treeSize, String leafHash, List<String> hashes, String rootHash) {}

    /** RFC 9162 consistency proof between two tree sizes. */
    public record ConsistencyProof(
            long first, long second, String firstRootHash, String secondRootHash, List<String> hashes) {}

    public static final String BUNDLE_FORMAT = "rdk-receipt-bundle/1";

    private final ReceiptLog log;
    private final SigningKeys keys;
    private final ReceiptSigner signer;
    private final Clock clock;

    public LogEvidence(ReceiptLog log, SigningKeys keys, ReceiptSigner signer, Clock clock) {
        this.log = log;
        this.keys = keys;
        this.signer = signer;
        this.clock = clock;
    }

    public Checkpoint checkpoint() {
        return checkpoint(log.size());
    }

    private Checkpoint checkpoint(long size) {
        SigningKey key = keys.active(KeyPurpose.RECEIPTS);
        String root = hex(log.rootHash(size));
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return new Checkpoint(size, root, now, key.kid(), signer.signCheckpoint(key, size, root, now));
    }

    /** Inclusion of {@code receipt} in the tree of {@code treeSize} (the current size when null). */
    public InclusionProof inclusion(Receipt receipt, Long treeSize) {
        long size = treeSize == null ? log.size() : log.requireSize(treeSize, "tree_size", false);
        if (receipt.logIndex() >= size) {
            throw ApiException.invalid(
                    "tree_size", "tree_size must be greater than the receipt's log index " + receipt.logIndex() + ".");
        }
        List<String> hashes = log.inclusionProof(receipt.logIndex(), size).stream()
                .map(LogEvidence::hex)
                .toList();
        return new InclusionProof(
                receipt.receiptId(), receipt.logIndex(), size, receipt.leafHash(), hashes, hex(log.rootHash(size)));
    }

    public ConsistencyProof consistency(long first, long second) {
        log.requireSize(second, "second", false);
        if (first < 1 || first > second) {
            throw ApiException.invalid("first", "first must be between 1 and second.");
        }
        List<String> hashes = log.consistencyProof(first, second).stream()
                .map(LogEvidence::hex)
                .toList();
        return new ConsistencyProof(first, second, hex(log.rootHash(first)), hex(log.rootHash(second)), hashes);
    }

    /** Everything needed to verify {@code receipt} with no network (SPEC §2 "receipt bundle"). */
    public Map<String, Object> bundle(Receipt receipt) {
        long size = log.size();
        Checkpoint checkpoint = checkpoint(size);
        InclusionProof proof = inclusion(receipt, size);
        List<Map<String, Object>> jwks = new ArrayList<>();
        jwks.add(publicJwk(receipt.kid()));
        if (!checkpoint.kid().equals(receipt.kid())) {
            jwks.add(publicJwk(checkpoint.kid()));
        }
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("format", BUNDLE_FORMAT);
        bundle.put("receipt_id", receipt.receiptId());
        bundle.put("receipt_jwt", receipt.receiptJwt());
        bundle.put("jwks", Map.of("keys", jwks));
        bundle.put(
                "checkpoint",
                Map.of(
                        "tree_size", checkpoint.treeSize(),
                        "root_hash", checkpoint.rootHash(),
                        "timestamp", checkpoint.timestamp().toString(),
                        "jws", checkpoint.jws()));
        bundle.put(
                "inclusion_proof",
                Map.of(
                        "log_index", proof.logIndex(),
                        "tree_size", proof.treeSize(),
                        "leaf_hash", proof.leafHash(),
                        "hashes", proof.hashes()));
        return bundle;
    }

    private Map<String, Object> publicJwk(String kid) {
        JWK jwk = keys.find(kid).publicJwk();
        return jwk.toJSONObject();
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
