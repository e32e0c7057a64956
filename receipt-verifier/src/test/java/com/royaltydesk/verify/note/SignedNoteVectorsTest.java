package com.royaltydesk.verify.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.royaltydesk.verify.testsupport.NoteSigning;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The published vectors of Go's sumdb note package (shared/test-vectors/signed-note.md). */
class SignedNoteVectorsTest {

    static final String PETER_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    static final String ENOCH_VKEY = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
    static final String PETER_PRIVATE = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    static final String TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    static final String PETER_SIG =
            "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
    static final String ENOCH_SIG =
            "\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";

    @Test
    void parse_vectorVkeys_keyIdsMatch() throws Exception {
        assertThat(NoteKey.parse(PETER_VKEY).keyIdHex()).isEqualTo("c74f20a3");
        assertThat(NoteKey.parse(ENOCH_VKEY).vkey()).isEqualTo(ENOCH_VKEY);
    }

    @Test
    void sign_vectorPrivateKey_givesExactlyThePublishedSignature() {
        byte[] seed = Arrays.copyOfRange(Base64.getDecoder().decode(PETER_PRIVATE), 1, 33);
        NoteSigning peter = new NoteSigning("PeterNeumann", NoteKey.ED25519, seed);

        assertThat(peter.key().vkey()).isEqualTo(PETER_VKEY);
        assertThat(new SignedNote(TEXT, List.of(peter.sign(TEXT, Instant.EPOCH))).render())
                .isEqualTo(TEXT + "\n" + PETER_SIG);
    }

    @Test
    void open_bothSignaturesOnlyPeterKnown_peterVerifiedEnochKeptUnverified() throws Exception {
        SignedNote note = SignedNote.parse(TEXT + "\n" + PETER_SIG + ENOCH_SIG);

        List<NoteVerifier.Verified> verified = NoteVerifier.open(note, List.of(NoteKey.parse(PETER_VKEY)));

        assertThat(verified).extracting(v -> v.key().name()).containsExactly("PeterNeumann");
        assertThat(note.signatures()).hasSize(2);
        assertThat(note.text()).isEqualTo(TEXT);
    }

    @Test
    void open_bothKeysKnown_bothVerified() throws Exception {
        SignedNote note = SignedNote.parse(TEXT + "\n" + PETER_SIG + ENOCH_SIG);

        assertThat(NoteVerifier.open(note, List.of(NoteKey.parse(PETER_VKEY), NoteKey.parse(ENOCH_VKEY))))
                .hasSize(2);
    }

    @Test
    void open_noKnownKey_rejected() throws Exception {
        SignedNote note = SignedNote.parse(TEXT + "\n" + PETER_SIG);

        assertThatThrownBy(() -> NoteVerifier.open(note, List.of(NoteKey.parse(ENOCH_VKEY))))
                .isInstanceOf(NoteException.class)
                .hasMessageContaining("no verifiable signatures");
    }

    @Test
    void open_fourCharactersInsertedIntoPeterSignature_rejected() throws Exception {
        String tampered = PETER_SIG.replace("KE6RyyBwJnAM=", "KE6RABCDyyBwJnAM="); // key ID intact
        SignedNote note = SignedNote.parse(TEXT + "\n" + tampered);

        assertThatThrownBy(() -> NoteVerifier.open(note, List.of(NoteKey.parse(PETER_VKEY))))
                .hasMessageContaining("invalid signature");
    }

    @Test
    void parse_vkeyWithWrongIdAlgorithmOrLength_refused() {
        assertThatThrownBy(() -> NoteKey.parse(PETER_VKEY.replace("c74f20a3", "c74f20a4")))
                .hasMessageContaining("does not match");
        byte[] material = Base64.getDecoder().decode("ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
        material[0] = 0x02;
        assertThatThrownBy(() -> NoteKey.parse(
                        "PeterNeumann+c74f20a3+" + Base64.getEncoder().encodeToString(material)))
                .hasMessageContaining("unsupported");
        assertThatThrownBy(() -> NoteKey.parse("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10Q="))
                .isInstanceOf(NoteException.class);
    }

    @Test
    void parse_malformedNotes_refused() {
        assertThatThrownBy(() -> SignedNote.parse(TEXT + PETER_SIG)).hasMessageContaining("no empty line");
        assertThatThrownBy(() -> SignedNote.parse(TEXT + "\n" + PETER_SIG.strip()))
                .hasMessageContaining("end in a newline");
        assertThatThrownBy(() -> SignedNote.parse(TEXT + "\n" + PETER_SIG.replace("PeterNeumann", "Peter+Neumann")))
                .hasMessageContaining("bad key name");
        assertThatThrownBy(() -> SignedNote.parse(TEXT + "\n" + PETER_SIG + "not a signature\n"))
                .hasMessageContaining("not a signature");
    }

    @Test
    void cosignature_timestampedSignature_verifiesWithTimeAndFailsIfTimeChanged() throws Exception {
        NoteSigning witness = NoteSigning.fresh("witness.example/w1", NoteKey.COSIGNATURE_V1);
        String body = "example.com/log\n3\n" + Base64.getEncoder().encodeToString(new byte[32]) + "\n";
        Instant when = Instant.parse("2026-01-02T03:04:05Z");
        SignedNote note = witness.note(body, when);

        assertThat(NoteVerifier.open(note, List.of(witness.key())).get(0).timestamp())
                .contains(when);

        byte[] sig = note.signatures().get(0).signature();
        sig[7] ^= 1; // one second later: the signed message changes
        SignedNote moved = new SignedNote(
                body, List.of(new SignedNote.Line(witness.name(), witness.key().keyId(), sig)));
        assertThatThrownBy(() -> NoteVerifier.open(moved, List.of(witness.key())))
                .hasMessageContaining("invalid");
    }

    @Test
    void checkpoint_parse_readsHeadAndRefusesLeadingZeros() throws Exception {
        String root = Base64.getEncoder().encodeToString(new byte[32]);
        Checkpoint cp = Checkpoint.parse("example.com/log\n20852163\n" + root + "\n");

        assertThat(cp.origin()).isEqualTo("example.com/log");
        assertThat(cp.treeSize()).isEqualTo(20852163);
        assertThatThrownBy(() -> Checkpoint.parse("example.com/log\n020\n" + root + "\n"))
                .hasMessageContaining("leading zeros");
        assertThatThrownBy(() -> Checkpoint.parse("example.com/log\n20\nAAAA\n"))
                .hasMessageContaining("32 bytes");
    }
}
