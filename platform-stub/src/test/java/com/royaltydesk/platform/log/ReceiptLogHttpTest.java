package com.royaltydesk.platform.log;

import static com.royaltydesk.platform.testutil.ErrorAssertions.assertErrorField;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.royaltydesk.platform.testutil.Receipts;
import com.royaltydesk.platform.testutil.RunningPlatform;
import com.royaltydesk.platform.testutil.SandboxPlatformTest;
import com.royaltydesk.verify.BundleReport;
import com.royaltydesk.verify.BundleVerifier;
import com.royaltydesk.verify.MerkleProofs;
import com.royaltydesk.verify.ReceiptStatus;
import com.royaltydesk.verify.note.Checkpoint;
import com.royaltydesk.verify.note.NoteKey;
import com.royaltydesk.verify.note.NoteVerifier;
import com.royaltydesk.verify.note.SignedNote;
import com.royaltydesk.verify.trust.TrustRoot;
import com.royaltydesk.verify.trust.TrustedKey;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log endpoints and bundles, each checked by the independent verifier module. */
class ReceiptLogHttpTest extends SandboxPlatformTest {

    @TempDir
    Path verifierState;

    private BundleVerifier bundles;

    @BeforeEach
    void prepare() throws Exception {
        bundles = Receipts.bundles(platform, verifierState);
    }

    private List<String> recordReceipts(int count) throws Exception {
        List<String> jwts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            jwts.add(Receipts.record(platform, "m" + i).path("receipt_id").asText());
        }
        return jwts;
    }

    private static List<byte[]> hashes(JsonNode array) {
        List<byte[]> list = new ArrayList<>();
        array.forEach(h -> list.add(HexFormat.of().parseHex(h.asText())));
        return list;
    }

    @Test
    void checkpoint_isASignedNoteByTheTrustRootsLogKeyWithMatchingJsonView() throws Exception {
        recordReceipts(3);

        HttpResponse<String> text = platform.get("/v1/log/checkpoint");
        JsonNode json = platform.checkpointJson();
        TrustRoot root = Receipts.trustRoot(platform);
        SignedNote note = SignedNote.parse(text.body());
        Checkpoint checkpoint = Checkpoint.parse(note.text());
        List<NoteVerifier.Verified> verified =
                NoteVerifier.open(note, List.of(root.log().checkpointKey()));

        assertThat(text.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(checkpoint.origin())
                .isEqualTo(root.log().origin())
                .isEqualTo(json.path("origin").asText());
        assertThat(checkpoint.treeSize())
                .isEqualTo(3)
                .isEqualTo(json.path("tree_size").asLong());
        assertThat(checkpoint.rootHashHex()).isEqualTo(json.path("root_hash").asText());
        assertThat(verified.get(0).timestamp())
                .contains(java.time.Instant.parse(json.path("timestamp").asText()));
        assertThat(json.path("note").asText()).isEqualTo(text.body());
    }

    @Test
    void checkpoint_sameSizeAskedTwice_theStoredNoteNotANewSignature() throws Exception {
        recordReceipts(2);

        String first = platform.get("/v1/log/checkpoint").body();
        Thread.sleep(1100); // a second later: a fresh signature would carry another time
        String second = platform.get("/v1/log/checkpoint").body();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void checkpoint_notSignedByAReceiptKey() throws Exception {
        recordReceipts(1);
        TrustRoot root = Receipts.trustRoot(platform);
        SignedNote note = SignedNote.parse(platform.get("/v1/log/checkpoint").body());

        List<NoteKey> receiptKeysAsNoteKeys = root.keys().stream()
                .filter(k -> k.purpose() == TrustedKey.Purpose.RECEIPTS && k.jwk() instanceof OctetKeyPair)
                .map(k -> new NoteKey(
                        root.log().origin(), NoteKey.COSIGNATURE_V1, ((OctetKeyPair) k.jwk()).getDecodedX()))
                .toList();

        assertThat(receiptKeysAsNoteKeys).isNotEmpty();
        assertThat(NoteVerifier.verifiedBy(note, receiptKeysAsNoteKeys)).isEmpty();
    }

    @Test
    void inclusion_everyReceipt_verifiesAgainstTheCheckpointRoot() throws Exception {
        List<String> ids = recordReceipts(7);
        byte[] root = HexFormat.of()
                .parseHex(platform.checkpointJson().path("root_hash").asText());

        for (String id : ids) {
            JsonNode receipt = RunningPlatform.body(platform.get("/v1/receipts/" + id, platform.platformKey()));
            JsonNode proof =
                    RunningPlatform.body(platform.get("/v1/log/inclusion?receipt_id=" + id, platform.platformKey()));
            byte[] leaf =
                    MerkleProofs.leafHash(receipt.path("receipt_jwt").asText().getBytes(StandardCharsets.US_ASCII));

            assertThat(MerkleProofs.verifyInclusion(
                            leaf, proof.path("log_index").asLong(), 7, hashes(proof.path("hashes")), root))
                    .as(id)
                    .isTrue();
            assertThat(MerkleProofs.verifyInclusion(
                            leaf, (proof.path("log_index").asLong() + 1) % 7, 7, hashes(proof.path("hashes")), root))
                    .as("wrong index for " + id)
                    .isFalse();
        }
    }

    @Test
    void inclusion_atAnOlderTreeSize_verifiesAgainstThatRoot() throws Exception {
        List<String> ids = recordReceipts(5);
        JsonNode atThree = RunningPlatform.body(platform.get("/v1/log/consistency?first=3&second=5"));

        JsonNode proof = RunningPlatform.body(
                platform.get("/v1/log/inclusion?receipt_id=" + ids.get(1) + "&tree_size=3", platform.platformKey()));
        JsonNode receipt = RunningPlatform.body(platform.get("/v1/receipts/" + ids.get(1), platform.platformKey()));

        assertThat(MerkleProofs.verifyInclusion(
                        MerkleProofs.leafHash(
                                receipt.path("receipt_jwt").asText().getBytes(StandardCharsets.US_ASCII)),
                        1,
                        3,
                        hashes(proof.path("hashes")),
                        HexFormat.of().parseHex(atThree.path("first_root_hash").asText())))
                .isTrue();
    }

    @Test
    void consistency_betweenCheckpoints_verifiesAndRootsMatchCheckpoints() throws Exception {
        recordReceipts(3);
        String rootAtThree = platform.checkpointJson().path("root_hash").asText();
        recordReceipts(6);
        String rootAtNine = platform.checkpointJson().path("root_hash").asText();

        JsonNode proof = RunningPlatform.body(platform.get("/v1/log/consistency?first=3&second=9"));

        assertThat(proof.path("first_root_hash").asText()).isEqualTo(rootAtThree);
        assertThat(proof.path("second_root_hash").asText()).isEqualTo(rootAtNine);
        assertThat(MerkleProofs.verifyConsistency(
                        3,
                        9,
                        HexFormat.of().parseHex(rootAtThree),
                        HexFormat.of().parseHex(rootAtNine),
                        hashes(proof.path("hashes"))))
                .isTrue();
    }

    @Test
    void proofs_badSizes_400() throws Exception {
        List<String> ids = recordReceipts(2);

        assertErrorField(platform.get("/v1/log/consistency?first=2&second=1"), 400, "invalid_request", "first");
        assertErrorField(platform.get("/v1/log/consistency?first=1&second=3"), 400, "invalid_request", "second");
        assertErrorField(platform.get("/v1/log/consistency?first=x&second=2"), 400, "invalid_request", "first");
        assertErrorField(
                platform.get("/v1/log/inclusion?receipt_id=" + ids.get(1) + "&tree_size=1", platform.platformKey()),
                400,
                "invalid_request",
                "tree_size");
    }

    @Test
    void bundle_verifiesOfflineWithThePlatformStopped() throws Exception {
        recordReceipts(4);
        String id = Receipts.record(platform, "m").path("receipt_id").asText();
        String bundle = platform.get("/v1/receipts/" + id + "/bundle", platform.creator42Key())
                .body();
        platform.close();

        BundleReport report = bundles.verify(bundle);

        assertThat(report.status()).as(report.checks().toString()).isEqualTo(ReceiptStatus.VERIFIED);
        assertThat(report.checks()).allMatch(BundleReport.Check::passed).hasSizeGreaterThanOrEqualTo(6);
        platform = RunningPlatform.start(dataDir);
    }

    @Test
    void bundle_anyOneCharacterOfTheReceiptChanged_notVerified() throws Exception {
        String id = Receipts.record(platform, "m").path("receipt_id").asText();
        JsonNode bundle = RunningPlatform.body(platform.get("/v1/receipts/" + id + "/bundle", platform.platformKey()));
        String jwt = bundle.path("receipt_jwt").asText();

        for (int at : new int[] {5, jwt.indexOf('.') + 10, jwt.lastIndexOf('.') + 5, jwt.length() - 2}) {
            char replacement = jwt.charAt(at) == 'A' ? 'B' : 'A';
            ObjectNode tampered = bundle.deepCopy();
            tampered.put("receipt_jwt", jwt.substring(0, at) + replacement + jwt.substring(at + 1));

            assertThat(bundles.verify(tampered.toString()).verified())
                    .as("change at %d", at)
                    .isFalse();
        }
    }

    @Test
    void bundle_tamperedProofOrCheckpoint_notInLogOrRejected() throws Exception {
        recordReceipts(3);
        String id = Receipts.record(platform, "m").path("receipt_id").asText();
        JsonNode bundle = RunningPlatform.body(platform.get("/v1/receipts/" + id + "/bundle", platform.platformKey()));

        ObjectNode badProof = bundle.deepCopy();
        String first = badProof.at("/inclusion_proof/hashes/0").asText();
        ((com.fasterxml.jackson.databind.node.ArrayNode) badProof.at("/inclusion_proof/hashes"))
                .set(0, (first.charAt(0) == 'a' ? "b" : "a") + first.substring(1));
        ObjectNode badIndex = bundle.deepCopy();
        ((ObjectNode) badIndex.path("inclusion_proof")).put("log_index", 0);
        ObjectNode badRoot = bundle.deepCopy();
        ObjectNode checkpoint = (ObjectNode) badRoot.path("checkpoint");
        String note = checkpoint.path("note").asText();
        String[] lines = note.split("\n", -1);
        lines[2] = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        checkpoint.put("note", String.join("\n", lines));

        assertThat(bundles.verify(badProof.toString()).status()).isEqualTo(ReceiptStatus.NOT_IN_LOG);
        assertThat(bundles.verify(badIndex.toString()).status()).isEqualTo(ReceiptStatus.NOT_IN_LOG);
        assertThat(bundles.verify(badRoot.toString()).verified()).isFalse();
    }

    @Test
    void restart_logReloads_proofsForOldAndNewReceiptsVerify() throws Exception {
        List<String> before = recordReceipts(3);
        platform.close();
        platform = RunningPlatform.start(dataDir);
        String after = Receipts.record(platform, "late").path("receipt_id").asText();

        for (String id : List.of(before.get(0), after)) {
            String bundle = platform.get("/v1/receipts/" + id + "/bundle", platform.platformKey())
                    .body();
            assertThat(bundles.verify(bundle).status()).as(id).isEqualTo(ReceiptStatus.VERIFIED);
        }
        assertThat(platform.checkpointJson().path("tree_size").asLong()).isEqualTo(4);
    }
}
