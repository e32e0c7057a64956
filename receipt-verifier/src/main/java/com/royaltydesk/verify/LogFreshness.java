package com.royaltydesk.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.royaltydesk.verify.state.ConsistencyProofs;
import com.royaltydesk.verify.trust.TrustPolicy;
import com.royaltydesk.verify.trust.WitnessPolicy;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Whether a bundle's log is still, today, the log it was: the platform's newest checkpoint — signed
 * by the log key of the same trust root that vouched for the receipt — and an RFC 9162 consistency
 * proof from the bundle's tree to it. A newest checkpoint that is smaller, or the same size with
 * another root, or a proof that does not hold, means the platform rewrote the history the bundle
 * was proven against. For a reviewer who asks to check online (issue #18); nothing here is trusted
 * because the platform sent it.
 */
public final class LogFreshness {

    /** What the online check found. */
    public record Result(
            boolean consistent, String origin, long bundleSize, long newestSize, Instant newestTime, String detail) {}

    private LogFreshness() {}

    public static Result check(
            String bundleJson,
            TrustPolicy.Held held,
            WitnessPolicy witnesses,
            String newestNote,
            ConsistencyProofs proofs) {
        String bundleNote;
        try {
            JsonNode bundle = new ObjectMapper().readTree(bundleJson);
            bundleNote = bundle.path("checkpoint").path("note").asText(null);
        } catch (IOException e) {
            return refused("the bundle cannot be read: " + e.getMessage());
        }
        if (bundleNote == null) {
            return refused("this bundle's format carries no signed checkpoint note to compare");
        }
        CheckpointCheck.Outcome theirs = CheckpointCheck.note(bundleNote, held, witnesses);
        if (theirs.accepted() == null) {
            return refused("the bundle's checkpoint: " + theirs.detail());
        }
        CheckpointCheck.Outcome newest = CheckpointCheck.note(newestNote, held, WitnessPolicy.NONE);
        if (newest.accepted() == null) {
            return refused(
                    "the platform's newest checkpoint is not signed by the log key you trust: " + newest.detail());
        }
        var was = theirs.accepted().checkpoint();
        var now = newest.accepted().checkpoint();
        Instant when = newest.accepted().time();
        // Every answer from here names the two sizes compared and when the newest was signed.
        java.util.function.BiFunction<Boolean, String, Result> compared = (consistent, detail) ->
                new Result(consistent, was.origin(), was.treeSize(), now.treeSize(), when, detail);
        if (!was.origin().equals(now.origin())) {
            return compared.apply(false, "the platform answered for another log (" + now.origin() + ")");
        }
        if (now.treeSize() < was.treeSize()) {
            return compared.apply(
                    false,
                    "the platform's log is now smaller (" + now.treeSize() + ") than the bundle's (" + was.treeSize()
                            + "): its history was rewritten");
        }
        if (now.treeSize() == was.treeSize()) {
            boolean same = Arrays.equals(now.rootHash(), was.rootHash());
            return compared.apply(
                    same,
                    same
                            ? "the log has not grown since; its root is the bundle's"
                            : "same size, another root: the platform shows two histories");
        }
        Optional<List<byte[]>> proof = proofs.proof(was.origin(), was.treeSize(), now.treeSize());
        if (proof.isEmpty()) {
            return compared.apply(
                    false, "the platform gave no consistency proof from " + was.treeSize() + " to " + now.treeSize());
        }
        boolean consistent = MerkleProofs.verifyConsistency(
                was.treeSize(), now.treeSize(), was.rootHash(), now.rootHash(), proof.get());
        return compared.apply(
                consistent,
                consistent
                        ? "the log grew from " + was.treeSize() + " to " + now.treeSize()
                                + " entries and the RFC 9162 consistency proof holds: nothing before was changed"
                        : "the consistency proof from " + was.treeSize() + " to " + now.treeSize()
                                + " does not hold: the platform rewrote history");
    }

    private static Result refused(String detail) {
        return new Result(false, null, -1, -1, null, detail);
    }
}
