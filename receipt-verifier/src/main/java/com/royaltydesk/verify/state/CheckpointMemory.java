package com.royaltydesk.verify.state;

import com.royaltydesk.verify.note.Checkpoint;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a verifier with state remembers of each log it has seen (SPEC §2a, after Go's checksum
 * database client): the newest verified checkpoint per origin and a bounded history, and the
 * evidence of any fork it caught.
 */
public interface CheckpointMemory {

    /** A verified checkpoint as it was signed (the note, with whatever cosignatures it had). */
    record Seen(Checkpoint checkpoint, String note) {}

    /** Two signed checkpoints that cannot both be true, and the proof that failed (if any). */
    record ForkEvidence(
            String origin,
            String reason,
            String rememberedNote,
            String presentedNote,
            long firstSize,
            long secondSize,
            List<String> proofHashes,
            Instant detectedAt) {}

    Optional<Seen> newest(String origin);

    /** A remembered checkpoint of exactly {@code size}, if one was seen. */
    Optional<Seen> atSize(String origin, long size);

    /** Records a verified checkpoint; it becomes the newest if it is larger than the newest. */
    void remember(Seen seen);

    /** Saves the evidence of a fork and returns where. */
    Path recordFork(ForkEvidence evidence);
}
