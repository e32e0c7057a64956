package com.royaltydesk.platform.log;

import com.royaltydesk.platform.core.ApiException;
import com.royaltydesk.verify.note.NoteException;
import com.royaltydesk.verify.note.NoteKey;
import com.royaltydesk.verify.note.NoteVerifier;
import com.royaltydesk.verify.note.SignedNote;
import java.util.List;

/**
 * Witnesses and their cosignatures (C2SP tlog-cosignature): the platform operator registers a
 * witness's vkey; a witness sends a cosignature line for a checkpoint the platform signed; it is
 * checked with the verifier module against that witness's key and kept, and served with the
 * checkpoint from then on. An unknown witness or a bad signature is refused and changes nothing.
 */
public final class Witnessing {

    private final CheckpointStore store;

    public Witnessing(CheckpointStore store) {
        this.store = store;
    }

    /** Registers a witness by its vkey (type 0x04); true if it was new. */
    public CheckpointStore.Witness register(String vkey) {
        NoteKey key = parse(vkey);
        CheckpointStore.Witness witness = new CheckpointStore.Witness(key.name(), key.keyIdHex(), key.vkey());
        if (!store.addWitness(witness)
                && store.witnesses().stream().noneMatch(w -> w.vkey().equals(key.vkey()))) {
            throw ApiException.conflict("witness_exists", "A witness with that name and key ID is already registered.");
        }
        return witness;
    }

    /** Checks and keeps {@code line}, a cosignature of the checkpoint of {@code treeSize}. */
    public void cosign(long treeSize, String line) {
        StoredCheckpoint checkpoint =
                store.atSize(treeSize).orElseThrow(() -> ApiException.notFound("No checkpoint of that tree size."));
        SignedNote note;
        try {
            SignedNote signed = SignedNote.parse(checkpoint.note());
            note = SignedNote.parse(signed.text() + "\n" + line.strip() + "\n");
        } catch (NoteException e) {
            throw ApiException.invalid("cosignature", "cosignature must be one note signature line: " + e.getMessage());
        }
        SignedNote.Line cosignature = note.signatures().get(0);
        CheckpointStore.Witness witness = store.witnesses().stream()
                .filter(w -> w.name().equals(cosignature.name())
                        && w.keyId().equals(java.util.HexFormat.of().formatHex(cosignature.keyId())))
                .findFirst()
                .orElseThrow(() -> new ApiException(
                        ApiException.Kind.INVALID,
                        "unknown_witness",
                        "No registered witness has that name and key ID.",
                        "cosignature"));
        try {
            if (NoteVerifier.verifiedBy(note, List.of(parse(witness.vkey()))).isEmpty()) {
                throw new NoteException("not signed by the witness");
            }
        } catch (NoteException e) {
            throw new ApiException(
                    ApiException.Kind.INVALID,
                    "invalid_cosignature",
                    "The cosignature does not verify.",
                    "cosignature");
        }
        store.addCosignature(treeSize, witness, line.strip());
    }

    private static NoteKey parse(String vkey) {
        NoteKey key;
        try {
            key = NoteKey.parse(vkey == null ? "" : vkey);
        } catch (NoteException e) {
            throw ApiException.invalid("vkey", "vkey is not a C2SP verifier key: " + e.getMessage());
        }
        if (key.type() != NoteKey.COSIGNATURE_V1) {
            throw ApiException.invalid("vkey", "a witness key is a cosignature/v1 key (type 0x04).");
        }
        return key;
    }
}
