package com.royaltydesk.verify.trust;

import com.royaltydesk.verify.note.NoteKey;
import java.util.List;

/**
 * Which witnesses must have cosigned a checkpoint: at least {@code threshold} of {@code witnesses}
 * (C2SP tlog-cosignature keys). {@link #NONE} asks for none.
 */
public record WitnessPolicy(List<NoteKey> witnesses, int threshold) {

    public static final WitnessPolicy NONE = new WitnessPolicy(List.of(), 0);

    public WitnessPolicy {
        witnesses = List.copyOf(witnesses);
        if (threshold < 0 || threshold > witnesses.size()) {
            throw new IllegalArgumentException("a witness threshold is between 0 and the number of witnesses");
        }
        if (witnesses.stream().anyMatch(w -> w.type() != NoteKey.COSIGNATURE_V1)) {
            throw new IllegalArgumentException("witness keys are cosignature/v1 keys (type 0x04)");
        }
    }
}
