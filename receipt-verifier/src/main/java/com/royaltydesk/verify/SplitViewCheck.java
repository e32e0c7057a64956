package com.royaltydesk.verify;

import com.royaltydesk.verify.note.Checkpoint;
import com.royaltydesk.verify.state.CheckpointMemory;
import com.royaltydesk.verify.state.ConsistencyProofs;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Compares a verified checkpoint with what this verifier remembers of the same log (SPEC §2a
 * "remember what you saw"): the same size must have the same root; a larger one must be proven
 * consistent with the newest remembered (RFC 9162), a smaller one with it too. A failure is a fork:
 * both signed checkpoints and the failed proof are saved as evidence.
 */
final class SplitViewCheck {

    /** What the comparison found: a check line, and fork evidence when the log forked. */
    record Outcome(BundleReport.Check check, Path forkEvidence) {
        boolean forked() {
            return forkEvidence != null;
        }
    }

    private final CheckpointMemory memory;
    private final Clock clock;

    SplitViewCheck(CheckpointMemory memory, Clock clock) {
        this.memory = memory;
        this.clock = clock;
    }

    Outcome compare(CheckpointMemory.Seen presented, ConsistencyProofs proofs) {
        Checkpoint now = presented.checkpoint();
        String origin = now.origin();
        Optional<CheckpointMemory.Seen> newest = memory.newest(origin);
        if (newest.isEmpty()) {
            memory.remember(presented);
            return ok("first checkpoint seen of log " + origin + " (size " + now.treeSize() + "); remembered");
        }
        Optional<CheckpointMemory.Seen> same =
                now.treeSize() == newest.get().checkpoint().treeSize() ? newest : memory.atSize(origin, now.treeSize());
        if (same.isPresent()) {
            if (Arrays.equals(same.get().checkpoint().rootHash(), now.rootHash())) {
                return ok("same root as the checkpoint of size " + now.treeSize() + " seen before");
            }
            return fork(
                    same.get(),
                    presented,
                    List.of(),
                    "two checkpoints of size " + now.treeSize() + " with different roots");
        }
        Checkpoint seen = newest.get().checkpoint();
        boolean newer = now.treeSize() > seen.treeSize();
        Checkpoint smaller = newer ? seen : now;
        Checkpoint larger = newer ? now : seen;
        if (smaller.treeSize() == 0) {
            memory.remember(presented);
            return ok("the remembered log was empty");
        }
        Optional<List<byte[]>> proof = proofs.proof(origin, smaller.treeSize(), larger.treeSize());
        if (proof.isEmpty()) {
            return ok("not compared with the newest checkpoint seen (size " + seen.treeSize()
                    + "): no consistency proof at hand (offline); nothing remembered");
        }
        boolean consistent = MerkleProofs.verifyConsistency(
                smaller.treeSize(), larger.treeSize(), smaller.rootHash(), larger.rootHash(), proof.get());
        if (!consistent) {
            return fork(
                    newest.get(),
                    presented,
                    proof.get(),
                    "the consistency proof from size " + smaller.treeSize() + " to " + larger.treeSize()
                            + " does not hold");
        }
        memory.remember(presented);
        return ok(
                "consistent with the newest checkpoint seen before (size " + seen.treeSize() + "), proven by RFC 9162");
    }

    private Outcome fork(
            CheckpointMemory.Seen remembered, CheckpointMemory.Seen presented, List<byte[]> proof, String why) {
        Path file = memory.recordFork(new CheckpointMemory.ForkEvidence(
                presented.checkpoint().origin(),
                why,
                remembered.note(),
                presented.note(),
                Math.min(
                        remembered.checkpoint().treeSize(),
                        presented.checkpoint().treeSize()),
                Math.max(
                        remembered.checkpoint().treeSize(),
                        presented.checkpoint().treeSize()),
                proof.stream().map(HexFormat.of()::formatHex).toList(),
                clock.instant()));
        return new Outcome(
                new BundleReport.Check(
                        "log consistent with what this machine saw before",
                        false,
                        "LOG FORKED: " + why + "; evidence saved to " + file),
                file);
    }

    private static Outcome ok(String detail) {
        return new Outcome(
                new BundleReport.Check("log consistent with what this machine saw before", true, detail), null);
    }
}
