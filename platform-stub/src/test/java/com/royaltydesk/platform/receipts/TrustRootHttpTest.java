package com.royaltydesk.platform.receipts;

import static com.royaltydesk.platform.testutil.ErrorAssertions.assertError;
import static com.royaltydesk.platform.testutil.ErrorAssertions.assertErrorField;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.royaltydesk.platform.testutil.Receipts;
import com.royaltydesk.platform.testutil.RunningPlatform;
import com.royaltydesk.verify.BundleReport;
import com.royaltydesk.verify.BundleVerifier;
import com.royaltydesk.verify.ReceiptStatus;
import com.royaltydesk.verify.note.NoteKey;
import com.royaltydesk.verify.note.SignedNote;
import com.royaltydesk.verify.state.FileCheckpointMemory;
import com.royaltydesk.verify.testsupport.NoteSigning;
import com.royaltydesk.verify.testsupport.TestLog;
import com.royaltydesk.verify.trust.TrustPolicy;
import com.royaltydesk.verify.trust.TrustRoot;
import com.royaltydesk.verify.trust.TrustedKey;
import com.royaltydesk.verify.trust.WitnessPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPEC §2a on the platform: the trust root, key windows, retirement, witnessed checkpoints, forged bundles refused. */
class TrustRootHttpTest {

    @TempDir
    Path dataDir;

    @TempDir
    Path state;

    private RunningPlatform platform;

    @AfterEach
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void trustRoot_livePlatform_listsThumbprintKeysLiveWithTheLogKey() throws Exception {
        platform = RunningPlatform.start(dataDir, false);

        TrustRoot root = Receipts.trustRoot(platform);

        assertThat(root.keys()).isNotEmpty().allSatisfy(key -> {
            assertThat(key.kid()).isEqualTo(key.thumbprint());
            assertThat(key.environment()).isEqualTo(TrustedKey.Environment.LIVE);
            assertThat(key.validFor().end()).isNull();
        });
        assertThat(root.keys())
                .extracting(TrustedKey::purpose)
                .containsExactlyInAnyOrder(TrustedKey.Purpose.RECEIPTS, TrustedKey.Purpose.CHECKPOINTS);
        assertThat(root.log().origin()).startsWith("log.royaltydesk/").doesNotContain("sandbox");
        assertThat(platform.get("/.well-known/rdk-trust-root.json").headers().firstValue("Cache-Control"))
                .hasValue("public, max-age=300");
    }

    @Test
    void trustRoot_sandboxPlatform_everyKeySandbox() throws Exception {
        platform = RunningPlatform.start(dataDir);

        assertThat(Receipts.trustRoot(platform).keys())
                .extracting(TrustedKey::environment)
                .containsOnly(TrustedKey.Environment.SANDBOX);
    }

    @Test
    void sandboxBundle_rootHeldWithoutSandboxTrust_sandboxVerdict() throws Exception {
        platform = RunningPlatform.start(dataDir);
        String bundle =
                bundleOf(Receipts.record(platform, "m").path("receipt_id").asText());

        BundleReport report = new BundleVerifier(Clock.systemUTC(), TrustPolicy.of(Receipts.trustRoot(platform)), null)
                .verify(bundle);

        assertThat(report.status()).isEqualTo(ReceiptStatus.SANDBOX);
    }

    @Test
    void rotate_closesTheOldWindowAndBundlesFromBeforeAndAfterVerifyAgainstTheNewRoot() throws Exception {
        platform = RunningPlatform.start(dataDir);
        String before = Receipts.record(platform, "m").path("receipt_id").asText();
        String oldKid = Receipts.record(platform, "m").path("kid").asText();
        String bundleBefore = bundleOf(before);

        JsonNode rotated = RunningPlatform.body(
                platform.json("POST", "/v1/admin/signing-keys/rotate", platform.platformKey(), null));
        String after = Receipts.record(platform, "m").path("receipt_id").asText();
        TrustRoot root = Receipts.trustRoot(platform);
        BundleVerifier verifier = new BundleVerifier(
                Clock.systemUTC(),
                new TrustPolicy(List.of(new TrustPolicy.Held(root, true)), WitnessPolicy.NONE),
                null);

        TrustedKey old = root.key(oldKid, TrustedKey.Purpose.RECEIPTS).orElseThrow();
        TrustedKey current = root.key(rotated.path("kid").asText(), TrustedKey.Purpose.RECEIPTS)
                .orElseThrow();
        assertThat(old.validFor().end())
                .isNotNull()
                .isAfterOrEqualTo(old.validFor().start());
        assertThat(current.validFor().end()).isNull();
        assertThat(root.version())
                .isEqualTo(5); // four keys made (receipts, sandbox, checkpoints, new), one window closed
        assertThat(verifier.verify(bundleBefore).status()).isEqualTo(ReceiptStatus.VERIFIED);
        assertThat(verifier.verify(bundleOf(before)).status()).isEqualTo(ReceiptStatus.VERIFIED);
        assertThat(verifier.verify(bundleOf(after)).status()).isEqualTo(ReceiptStatus.VERIFIED);
        assertThat(platform.get("/.well-known/rdk-trust-root.json").body())
                .as("the root is stable between changes")
                .isEqualTo(platform.get("/.well-known/rdk-trust-root.json").body());
    }

    @Test
    void retire_compromiseBeforeAReceipt_thatReceiptKeyNotValidThenEarlierOneVerified() throws Exception {
        platform = RunningPlatform.start(dataDir);
        String early = Receipts.record(platform, "m").path("receipt_id").asText();
        Thread.sleep(1100);
        Instant compromise = Instant.now();
        Thread.sleep(1100);
        JsonNode late = Receipts.record(platform, "m");
        String kid = late.path("kid").asText();

        var retired = platform.json(
                "POST",
                "/v1/admin/signing-keys/" + kid + "/retire",
                platform.platformKey(),
                "{\"untrusted_from\":\"" + compromise + "\"}");
        BundleVerifier verifier = new BundleVerifier(Clock.systemUTC(), Receipts.trust(platform), null);
        JsonNode next = Receipts.record(platform, "m");

        assertThat(retired.statusCode()).as(retired.body()).isEqualTo(200);
        assertThat(Instant.parse(
                        RunningPlatform.body(retired).path("valid_until").asText()))
                .isBetween(compromise.minusMillis(1), compromise.plusMillis(1)); // stored to the microsecond
        assertThat(verifier.verify(bundleOf(early)).status()).isEqualTo(ReceiptStatus.VERIFIED);
        assertThat(verifier.verify(bundleOf(late.path("receipt_id").asText())).status())
                .isEqualTo(ReceiptStatus.KEY_NOT_VALID_THEN);
        assertThat(next.path("kid").asText())
                .as("a retired active key is replaced")
                .isNotEqualTo(kid);
    }

    @Test
    void retire_badInput_refusedAndNothingChanges() throws Exception {
        platform = RunningPlatform.start(dataDir);
        String kid = Receipts.record(platform, "m").path("kid").asText();
        String rootBefore = platform.get("/.well-known/rdk-trust-root.json").body();

        assertErrorField(
                platform.json(
                        "POST",
                        "/v1/admin/signing-keys/" + kid + "/retire",
                        platform.platformKey(),
                        "{\"untrusted_from\":\"2001-01-01T00:00:00Z\"}"),
                400,
                "invalid_request",
                "untrusted_from");
        assertErrorField(
                platform.json(
                        "POST",
                        "/v1/admin/signing-keys/" + kid + "/retire",
                        platform.platformKey(),
                        "{\"untrusted_from\":\"" + Instant.now().plusSeconds(3600) + "\"}"),
                400,
                "invalid_request",
                "untrusted_from");
        assertError(
                platform.json("POST", "/v1/admin/signing-keys/nope/retire", platform.platformKey(), null),
                404,
                "not_found");
        assertError(
                platform.json("POST", "/v1/admin/signing-keys/" + kid + "/retire", platform.hostKey(), null),
                403,
                "forbidden");
        assertThat(platform.get("/.well-known/rdk-trust-root.json").body()).isEqualTo(rootBefore);
    }

    @Test
    void cosignature_fromARegisteredWitness_servedWithTheCheckpointAndMeetsAWitnessPolicy() throws Exception {
        platform = RunningPlatform.start(dataDir);
        String id = Receipts.record(platform, "m").path("receipt_id").asText();
        NoteSigning witness = NoteSigning.fresh("witness.test/w1", NoteKey.COSIGNATURE_V1);
        String note = platform.get("/v1/log/checkpoint").body();
        String text = SignedNote.parse(note).text();
        String cosignature = lineOf(witness, text);

        assertError(cosign(1, cosignature), 400, "unknown_witness");
        var registered = platform.json(
                "POST",
                "/v1/log/witnesses",
                platform.platformKey(),
                "{\"vkey\":\"" + witness.key().vkey() + "\"}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        assertError(
                cosign(1, lineOf(NoteSigning.fresh("witness.test/w1", NoteKey.COSIGNATURE_V1), text)),
                400,
                "unknown_witness");
        assertError(
                cosign(1, cosignature.substring(0, cosignature.length() - 6) + "AAAA=="), 400, "invalid_cosignature");
        assertError(cosign(99, cosignature), 404, "not_found");
        assertThat(platform.get("/v1/log/checkpoint").body()).isEqualTo(note);

        assertThat(cosign(1, cosignature).statusCode()).isEqualTo(201);

        String served = platform.get("/v1/log/checkpoint").body();
        assertThat(served).startsWith(note).endsWith(cosignature + "\n");
        TrustPolicy policy = Receipts.trust(platform).withWitnesses(new WitnessPolicy(List.of(witness.key()), 1));
        BundleReport report = new BundleVerifier(Clock.systemUTC(), policy, null).verify(bundleOf(id));
        assertThat(report.status()).as(report.checks().toString()).isEqualTo(ReceiptStatus.VERIFIED);
    }

    @Test
    void bundle_consistentWith_carriesAProofThatAVerifierWithStateAccepts() throws Exception {
        platform = RunningPlatform.start(dataDir);
        String first = Receipts.record(platform, "m").path("receipt_id").asText();
        BundleVerifier verifier =
                new BundleVerifier(Clock.systemUTC(), Receipts.trust(platform), new FileCheckpointMemory(state));
        assertThat(verifier.verify(bundleOf(first)).status()).isEqualTo(ReceiptStatus.VERIFIED);
        String later = "";
        for (int i = 0; i < 4; i++) {
            later = Receipts.record(platform, "m" + i).path("receipt_id").asText();
        }

        JsonNode bundle = RunningPlatform.body(
                platform.get("/v1/receipts/" + later + "/bundle?consistent_with=1", platform.platformKey()));
        BundleReport report = verifier.verify(bundle.toString());

        assertThat(bundle.path("consistency_proofs").get(0).path("first").asLong())
                .isEqualTo(1);
        assertThat(report.status()).isEqualTo(ReceiptStatus.VERIFIED);
        assertThat(report.checks().get(report.checks().size() - 1).detail()).contains("proven by RFC 9162");
        assertThat(new FileCheckpointMemory(state)
                        .newest(report.log().origin())
                        .orElseThrow()
                        .checkpoint()
                        .treeSize())
                .isEqualTo(5);
    }

    @Test
    void forgedBundle_receiptResignedWithAFreshKeyUnderTheSameKid_untrustedSigner() throws Exception {
        platform = RunningPlatform.start(dataDir);
        String id = Receipts.record(platform, "m").path("receipt_id").asText();
        ObjectNode bundle = (ObjectNode)
                RunningPlatform.body(platform.get("/v1/receipts/" + id + "/bundle", platform.platformKey()));
        SignedJWT genuine = SignedJWT.parse(bundle.path("receipt_jwt").asText());
        OctetKeyPair forgerKey = new OctetKeyPair.Builder(TestLog.newKey())
                .keyID(genuine.getHeader().getKeyID())
                .build();
        Map<String, Object> payload =
                new java.util.HashMap<>(genuine.getJWTClaimsSet().getJSONObjectClaim("payload"));
        payload.put("creator_id", "creator_forger");
        payload.put("portion_used", 1);
        String forged = TestLog.sign(
                forgerKey,
                new JWTClaimsSet.Builder(genuine.getJWTClaimsSet())
                        .claim("payload", payload)
                        .build());
        String origin = bundle.path("checkpoint").path("origin").asText();
        NoteSigning forgerLog = NoteSigning.fresh(origin, NoteKey.COSIGNATURE_V1);
        byte[] leaf = com.royaltydesk.verify.MerkleProofs.leafHash(
                forged.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        String body = origin + "\n1\n" + java.util.Base64.getEncoder().encodeToString(leaf) + "\n";
        bundle.put("receipt_jwt", forged);
        ((ObjectNode) bundle.path("checkpoint"))
                .put("note", forgerLog.note(body, Instant.now()).render());
        bundle.set(
                "inclusion_proof",
                RunningPlatform.JSON.valueToTree(Map.of("log_index", 0, "tree_size", 1, "hashes", List.of())));
        ((ObjectNode) bundle.path("hints"))
                .set(
                        "jwks",
                        RunningPlatform.JSON.valueToTree(
                                Map.of("keys", List.of(forgerKey.toPublicJWK().toJSONObject()))));

        BundleReport withRoot =
                new BundleVerifier(Clock.systemUTC(), Receipts.trust(platform), null).verify(bundle.toString());
        BundleReport withNothing =
                new BundleVerifier(Clock.systemUTC(), TrustPolicy.NOTHING, null).verify(bundle.toString());

        assertThat(withRoot.status()).isEqualTo(ReceiptStatus.UNTRUSTED_SIGNER);
        assertThat(withRoot.receipt().detail()).contains(TrustedKey.thumbprintOf(forgerKey.toPublicJWK()));
        assertThat(withNothing.status()).isEqualTo(ReceiptStatus.UNTRUSTED_SIGNER);
    }

    private static String lineOf(NoteSigning witness, String text) {
        SignedNote one = new SignedNote(text, List.of(witness.sign(text, Instant.now())));
        String rendered = one.render();
        return rendered.substring(text.length() + 1, rendered.length() - 1);
    }

    private java.net.http.HttpResponse<String> cosign(long size, String line) throws Exception {
        return platform.json(
                "POST",
                "/v1/log/cosignatures",
                null,
                RunningPlatform.JSON.writeValueAsString(Map.of("tree_size", size, "cosignature", line)));
    }

    private String bundleOf(String receiptId) throws Exception {
        return platform.get("/v1/receipts/" + receiptId + "/bundle", platform.platformKey())
                .body();
    }
}
