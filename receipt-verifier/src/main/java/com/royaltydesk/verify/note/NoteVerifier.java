package com.royaltydesk.verify.note;

import com.google.crypto.tink.subtle.Ed25519Verify;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Checks a {@link SignedNote}'s signatures against the keys a verifier knows, as C2SP signed-note
 * says: a signature from an unknown key is ignored (kept, unverified); a signature that claims a
 * known key (same name and key ID) and does not verify rejects the whole note; a note with no
 * verified signature is rejected.
 */
public final class NoteVerifier {

    /** A signature that verified: whose, and — for timestamped (cosignature/v1) ones — when. */
    public record Verified(NoteKey key, Optional<Instant> timestamp) {}

    private static final int ED25519_SIGNATURE = 64;
    private static final int TIMESTAMP = 8;

    private NoteVerifier() {}

    /** Every signature by one of {@code known}; never empty. */
    public static List<Verified> open(SignedNote note, List<NoteKey> known) throws NoteException {
        List<Verified> verified = verifiedBy(note, known);
        if (verified.isEmpty()) {
            throw new NoteException("no verifiable signatures: the note is signed by none of the keys held");
        }
        return verified;
    }

    /** Like {@link #open} but an empty list instead of an error when no known key signed. */
    public static List<Verified> verifiedBy(SignedNote note, List<NoteKey> known) throws NoteException {
        List<Verified> verified = new ArrayList<>();
        for (SignedNote.Line line : note.signatures()) {
            for (NoteKey key : known) {
                if (key.name().equals(line.name()) && Arrays.equals(key.keyId(), line.keyId())) {
                    Verified one = check(note.text(), key, line.signature());
                    if (verified.stream().noneMatch(v -> v.key().equals(key))) {
                        verified.add(one);
                    }
                }
            }
        }
        return verified;
    }

    private static Verified check(String text, NoteKey key, byte[] signature) throws NoteException {
        byte[] message;
        byte[] ed25519;
        Optional<Instant> time = Optional.empty();
        if (key.type() == NoteKey.COSIGNATURE_V1) {
            if (signature.length != TIMESTAMP + ED25519_SIGNATURE) {
                throw new NoteException("invalid signature for key " + key.name() + ": wrong length");
            }
            long seconds = ByteBuffer.wrap(signature, 0, TIMESTAMP).getLong();
            if (seconds < 0) {
                throw new NoteException("invalid signature for key " + key.name() + ": timestamp out of range");
            }
            message = cosignedMessage(text, seconds);
            ed25519 = Arrays.copyOfRange(signature, TIMESTAMP, signature.length);
            time = Optional.of(Instant.ofEpochSecond(seconds));
        } else {
            message = text.getBytes(StandardCharsets.UTF_8);
            ed25519 = signature;
        }
        try {
            new Ed25519Verify(key.publicKey()).verify(ed25519, message);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new NoteException("invalid signature for key " + key.name());
        }
        return new Verified(key, time);
    }

    /** What a cosignature/v1 signs: the header line, the time line, then the note text. */
    public static byte[] cosignedMessage(String text, long seconds) {
        return ("cosignature/v1\ntime " + seconds + "\n" + text).getBytes(StandardCharsets.UTF_8);
    }
}
