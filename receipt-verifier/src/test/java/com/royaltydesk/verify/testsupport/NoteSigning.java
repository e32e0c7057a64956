package com.royaltydesk.verify.testsupport;

import com.google.crypto.tink.subtle.Ed25519Sign;
import com.royaltydesk.verify.note.NoteKey;
import com.royaltydesk.verify.note.NoteVerifier;
import com.royaltydesk.verify.note.SignedNote;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.List;

/**
 * Test-only signer of C2SP notes: a name and an Ed25519 seed. The platform signs its checkpoints
 * with its own code; this one exists so tests (and the forger kit) can make notes of any shape.
 */
public record NoteSigning(String name, byte type, byte[] seed) {

    public static NoteSigning fresh(String name, byte type) {
        try {
            return new NoteSigning(name, type, Ed25519Sign.KeyPair.newKeyPair().getPrivateKey());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public NoteKey key() {
        try {
            return new NoteKey(
                    name, type, Ed25519Sign.KeyPair.newKeyPairFromSeed(seed).getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A signature line over {@code text}; cosignature keys stamp it with {@code time}. */
    public SignedNote.Line sign(String text, Instant time) {
        try {
            Ed25519Sign signer = new Ed25519Sign(seed);
            if (type == NoteKey.COSIGNATURE_V1) {
                long seconds = time.getEpochSecond();
                byte[] sig = signer.sign(NoteVerifier.cosignedMessage(text, seconds));
                byte[] stamped = ByteBuffer.allocate(8 + sig.length)
                        .putLong(seconds)
                        .put(sig)
                        .array();
                return new SignedNote.Line(name, key().keyId(), stamped);
            }
            return new SignedNote.Line(name, key().keyId(), signer.sign(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public SignedNote note(String text, Instant time) {
        return new SignedNote(text, List.of(sign(text, time)));
    }
}
