package com.royaltydesk.platform.receipts;

import com.nimbusds.jose.jwk.OctetKeyPair;
import com.royaltydesk.platform.core.ApiException;
import com.royaltydesk.platform.log.CheckpointNote;
import com.royaltydesk.platform.log.CheckpointStore;
import com.royaltydesk.platform.log.ReceiptLog;
import com.royaltydesk.platform.log.StoredCheckpoint;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a stranger needs to check the log: signed checkpoints (C2SP signed notes by the checkpoint
 * key, stored, with witness cosignatures), inclusion and consistency proofs, and the offline bundle
 * that packs a receipt with a checkpoint, its inclusion proof and — as hints only — the keys.
 */
public final class LogEvidence {

    /** A checkpoint as served: the head, when the log signed it, and the note with every cosignature. */
    public record Checkpoint(
            String origin, long treeSize, String rootHash, Instant timestamp, String kid, String note) {}

    /** RFC 9162 inclusion proof of one receipt in the tree of {@code treeSize}. */
    public record InclusionProof(
            String receiptId, long logIndex, long treeSize, String leafHash, List<String> hashes, String rootHash) {}

    /** RFC 9162 consistency proof between two tree sizes. */
    public record ConsistencyProof(
            long first, long second, String firstRootHash, String secondRootHash, List<String> hashes) {}

    public static final String BUNDLE_FORMAT = "rdk-receipt-bundle/2";

    private final ReceiptLog log;
    private final CheckpointStore checkpoints;
    private final SigningKeys keys;
    private final Clock clock;
    private final boolean sandbox;
    private volatile String origin;

    public LogEvidence(ReceiptLog log, CheckpointStore checkpoints, SigningKeys keys, Clock clock, boolean sandbox) {
        this.log = log;
        this.checkpoints = checkpoints;
        this.keys = keys;
        this.clock = clock;
        this.sandbox = sandbox;
    }

    /** The log's origin line (made once per database). */
    public String origin() {
        if (origin == null) {
            origin = checkpoints.origin(sandbox);
        }
        return origin;
    }

    /** The checkpoint key's C2SP vkey. */
    public String checkpointVkey(SigningKey key) {
        return CheckpointNote.vkey(origin(), ((OctetKeyPair) key.privateJwk()).getDecodedX());
    }

    /** The checkpoint of the log's current size: the stored one if the size has not moved, else a new one. */
    public Checkpoint checkpoint() {
        return served(current());
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

    /**
     * Everything needed to verify {@code receipt} with no network (SPEC §2, format 2): the receipt,
     * the checkpoint note, the inclusion proof, a consistency proof from {@code consistentWith}
     * (the size a verifier last saw) when asked, and the keys and trust root as hints.
     */
    public Map<String, Object> bundle(Receipt receipt, Long consistentWith, Map<String, Object> trustRoot) {
        StoredCheckpoint stored = current();
        Checkpoint checkpoint = served(stored);
        InclusionProof proof = inclusion(receipt, stored.treeSize());
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("format", BUNDLE_FORMAT);
        bundle.put("receipt_id", receipt.receiptId());
        bundle.put("receipt_jwt", receipt.receiptJwt());
        Map<String, Object> cp = new LinkedHashMap<>();
        cp.put("note", checkpoint.note());
        cp.put("origin", checkpoint.origin());
        cp.put("tree_size", checkpoint.treeSize());
        cp.put("root_hash", checkpoint.rootHash());
        cp.put("timestamp", checkpoint.timestamp().toString());
        bundle.put("checkpoint", cp);
        bundle.put(
                "inclusion_proof",
                Map.of(
                        "log_index", proof.logIndex(),
                        "tree_size", proof.treeSize(),
                        "leaf_hash", proof.leafHash(),
                        "hashes", proof.hashes()));
        if (consistentWith != null && consistentWith > 0 && consistentWith < stored.treeSize()) {
            ConsistencyProof consistency = consistency(consistentWith, stored.treeSize());
            bundle.put(
                    "consistency_proofs",
                    List.of(Map.of(
                            "first",
                            consistency.first(),
                            "second",
                            consistency.second(),
                            "hashes",
                            consistency.hashes())));
        }
        Map<String, Object> hints = new LinkedHashMap<>();
        hints.put("note", "keys and trust root below are hints: a verifier trusts only the trust roots it holds");
        hints.put(
                "jwks",
                Map.of("keys", List.of(keys.find(receipt.kid()).publicJwk().toJSONObject())));
        hints.put("trust_root_url", "/.well-known/rdk-trust-root.json");
        hints.put("trust_root", trustRoot);
        bundle.put("hints", hints);
        return bundle;
    }

    /**
     * The stored checkpoint of the current size, signing one if there is none. Before signing, the
     * newest stored checkpoint is checked against the tree: the platform never signs a checkpoint
     * that is not consistent with one it signed before (C2SP tlog-checkpoint).
     */
    private StoredCheckpoint current() {
        long size = log.size();
        var newest = checkpoints.newest();
        if (newest.isPresent() && newest.get().treeSize() >= size) {
            return newest.get();
        }
        newest.ifPresent(previous -> {
            byte[] root = log.rootHash(previous.treeSize());
            if (!Arrays.equals(root, HexFormat.of().parseHex(previous.rootHash()))) {
                throw new IllegalStateException("the log no longer matches its checkpoint of size "
                        + previous.treeSize() + "; refusing to sign a new one");
            }
        });
        SigningKey key = keys.active(KeyPurpose.CHECKPOINTS);
        OctetKeyPair okp = (OctetKeyPair) key.privateJwk();
        byte[] root = log.rootHash(size);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String note = CheckpointNote.sign(
                CheckpointNote.body(origin(), size, root), origin(), okp.getDecodedD(), okp.getDecodedX(), now);
        StoredCheckpoint made = new StoredCheckpoint(size, hex(root), key.kid(), now, note);
        return checkpoints.insert(made) ? made : checkpoints.atSize(size).orElseThrow();
    }

    private Checkpoint served(StoredCheckpoint stored) {
        StringBuilder note = new StringBuilder(stored.note());
        checkpoints
                .cosignatures(stored.treeSize())
                .forEach(line -> note.append(line).append('\n'));
        return new Checkpoint(
                origin(), stored.treeSize(), stored.rootHash(), stored.signedAt(), stored.kid(), note.toString());
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
