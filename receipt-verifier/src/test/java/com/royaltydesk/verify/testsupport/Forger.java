package com.royaltydesk.verify.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.royaltydesk.verify.ReceiptStatus;
import com.royaltydesk.verify.note.NoteKey;
import com.royaltydesk.verify.note.SignedNote;
import com.royaltydesk.verify.trust.TrustedKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The forger kit (issue: trust you can check): from a genuine log, every forgery a verifier must
 * refuse, each with the trust root the verifier holds and the verdict it must give. Cases with
 * {@code seenFirst} bundles need a verifier with state: it sees those genuine bundles first, then
 * the forged one. The library, the CLI, the app window, the WebView and the pages all run the same cases.
 */
public final class Forger {

    /** One forgery: what the verifier holds, what it sees first, what it is shown, what it must say. */
    public record Forgery(
            String name,
            String trustRoot,
            List<String> seenFirst,
            String bundle,
            ReceiptStatus expected,
            boolean rootTampered) {

        public boolean needsState() {
            return !seenFirst.isEmpty();
        }
    }

    public static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Forger() {}

    /** A genuine bundle and its root: must verify everywhere. */
    public static Forgery genuine() {
        TestLog log = TestLog.live(T0);
        log.issue("ds_a", T0.plusSeconds(60));
        int index = log.issue("ds_b", T0.plusSeconds(120));
        return new Forgery(
                "genuine",
                log.trustRoot(),
                List.of(),
                log.bundle(index, T0.plusSeconds(180)),
                ReceiptStatus.VERIFIED,
                false);
    }

    /** A genuine bundle whose receipt names {@code datasetSha256} as the dataset's content, and its root. */
    public static Forgery genuineNaming(String datasetSha256) {
        TestLog log = TestLog.live(T0);
        log.issue("ds_a", T0.plusSeconds(60));
        int index = log.issue("ds_b", T0.plusSeconds(120), datasetSha256);
        return new Forgery(
                "genuine, naming its content",
                log.trustRoot(),
                List.of(),
                log.bundle(index, T0.plusSeconds(180)),
                ReceiptStatus.VERIFIED,
                false);
    }

    public static List<Forgery> all() {
        return List.of(
                foreignKeySameKid(),
                usedAfterRetirement(),
                usedBeforeItExisted(),
                sandboxReceiptToLiveRoot(),
                checkpointSignedByReceiptKey(),
                forkSameSize(),
                forkInconsistentNewer(),
                tamperedTrustRoot());
    }

    /** The issue's own attack: receipt changed, re-signed with a fresh key under the same kid, new checkpoint, key in the bundle. */
    public static Forgery foreignKeySameKid() {
        TestLog log = TestLog.live(T0);
        log.issue("ds_a", T0.plusSeconds(60));
        TestLog forger = log.impostor();
        String jwt = TestLog.sign(forger.receiptKey(), forger.claims("ds_a", "creator_forger", T0.plusSeconds(60)));
        int index = forger.append(jwt, T0.plusSeconds(60));
        ObjectNode bundle = read(forger.bundle(index, T0.plusSeconds(180)));
        ((ObjectNode) bundle.path("hints")).set("trust_root", read(forger.trustRoot()));
        return new Forgery(
                "foreign key with the same kid",
                log.trustRoot(),
                List.of(),
                bundle.toString(),
                ReceiptStatus.UNTRUSTED_SIGNER,
                false);
    }

    /** A key retired at a compromise: a receipt it signed after that moment. */
    public static Forgery usedAfterRetirement() {
        TestLog log = TestLog.live(T0);
        int index = log.issue("ds_a", T0.plus(Duration.ofDays(2)));
        log.closeReceiptKey(T0.plus(Duration.ofDays(1)));
        return new Forgery(
                "trusted key used after its retirement",
                log.trustRoot(),
                List.of(),
                log.bundle(index, T0.plus(Duration.ofDays(2)).plusSeconds(60)),
                ReceiptStatus.KEY_NOT_VALID_THEN,
                false);
    }

    /** A receipt dated before its key existed (a backdated forgery with a stolen key). */
    public static Forgery usedBeforeItExisted() {
        TestLog log = TestLog.live(T0);
        log.openReceiptKeyAt(T0.plus(Duration.ofDays(1)));
        int index = log.issue("ds_a", T0.plusSeconds(60));
        return new Forgery(
                "trusted key used before it existed",
                log.trustRoot(),
                List.of(),
                log.bundle(index, T0.plus(Duration.ofDays(2))),
                ReceiptStatus.KEY_NOT_VALID_THEN,
                false);
    }

    /** A sandbox receipt shown to a verifier whose root lists the key as sandbox. */
    public static Forgery sandboxReceiptToLiveRoot() {
        TestLog log = new TestLog(
                "sandbox.test.royaltydesk/" + java.util.UUID.randomUUID(), T0, TrustedKey.Environment.SANDBOX);
        int index = log.issue("ds_a", T0.plusSeconds(60));
        return new Forgery(
                "sandbox receipt",
                log.trustRoot(),
                List.of(),
                log.bundle(index, T0.plusSeconds(120)),
                ReceiptStatus.SANDBOX,
                false);
    }

    /** A checkpoint note signed with the receipt key instead of the checkpoint key. */
    public static Forgery checkpointSignedByReceiptKey() {
        TestLog log = TestLog.live(T0);
        int index = log.issue("ds_a", T0.plusSeconds(60));
        byte[] seed = log.receiptKey().getDecodedD();
        NoteSigning receiptKeyAsLog = new NoteSigning(log.origin(), NoteKey.COSIGNATURE_V1, seed);
        SignedNote note = receiptKeyAsLog.note(log.checkpointText(log.size()), T0.plusSeconds(120));
        return new Forgery(
                "checkpoint signed by a receipt key",
                log.trustRoot(),
                List.of(),
                log.bundle(index, note.render()),
                ReceiptStatus.UNTRUSTED_SIGNER,
                false);
    }

    /** Two checkpoints of the same size with different roots, both signed by the log key. */
    public static Forgery forkSameSize() {
        TestLog log = TestLog.live(T0);
        log.issue("ds_a", T0.plusSeconds(60));
        int index = log.issue("ds_b", T0.plusSeconds(70));
        TestLog other = log.sameKeysOtherHistory();
        other.issue("ds_x", T0.plusSeconds(60));
        int otherIndex = other.issue("ds_y", T0.plusSeconds(70));
        return new Forgery(
                "forked log: two checkpoints of one size",
                log.trustRoot(),
                List.of(log.bundle(index, T0.plusSeconds(100))),
                other.bundle(otherIndex, T0.plusSeconds(110)),
                ReceiptStatus.LOG_FORKED,
                false);
    }

    /** A newer checkpoint whose consistency proof from the remembered one does not hold. */
    public static Forgery forkInconsistentNewer() {
        TestLog log = TestLog.live(T0);
        log.issue("ds_a", T0.plusSeconds(60));
        int index = log.issue("ds_b", T0.plusSeconds(70));
        String seen = log.bundle(index, T0.plusSeconds(100));
        TestLog other = log.sameKeysOtherHistory();
        other.issue("ds_a", T0.plusSeconds(60));
        other.issue("ds_rewritten", T0.plusSeconds(70));
        int otherIndex = other.issue("ds_c", T0.plusSeconds(80));
        ObjectNode bundle = read(other.bundle(otherIndex, T0.plusSeconds(110)));
        bundle.set(
                "consistency_proofs",
                JSON.valueToTree(List.of(Map.of("first", 2, "second", 3, "hashes", other.consistency(2, 3)))));
        return new Forgery(
                "forked log: newer checkpoint inconsistent with the remembered one",
                log.trustRoot(),
                List.of(seen),
                bundle.toString(),
                ReceiptStatus.LOG_FORKED,
                false);
    }

    /** The trust root file with a key swapped (kid and thumbprint kept). */
    public static Forgery tamperedTrustRoot() {
        TestLog log = TestLog.live(T0);
        TestLog forger = log.impostor();
        String jwt = TestLog.sign(forger.receiptKey(), forger.claims("ds_a", "creator_forger", T0.plusSeconds(60)));
        int index = forger.append(jwt, T0.plusSeconds(60));
        ObjectNode root = read(log.trustRoot());
        ObjectNode receiptKey = (ObjectNode) root.path("keys").get(0);
        ((ObjectNode) receiptKey.path("jwk"))
                .put("x", forger.receiptKey().getX().toString());
        return new Forgery(
                "tampered trust root",
                root.toString(),
                List.of(),
                forger.bundle(index, T0.plusSeconds(120)),
                ReceiptStatus.UNTRUSTED_SIGNER,
                true);
    }

    static ObjectNode read(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
