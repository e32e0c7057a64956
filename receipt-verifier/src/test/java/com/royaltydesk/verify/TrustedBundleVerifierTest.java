package com.royaltydesk.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.royaltydesk.verify.note.NoteKey;
import com.royaltydesk.verify.note.SignedNote;
import com.royaltydesk.verify.state.FileCheckpointMemory;
import com.royaltydesk.verify.testsupport.Forger;
import com.royaltydesk.verify.testsupport.NoteSigning;
import com.royaltydesk.verify.testsupport.TestLog;
import com.royaltydesk.verify.trust.TrustPolicy;
import com.royaltydesk.verify.trust.TrustRoot;
import com.royaltydesk.verify.trust.TrustRootException;
import com.royaltydesk.verify.trust.WitnessPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** SPEC §2a in the library every other verifier uses: trust comes only from held roots. */
class TrustedBundleVerifierTest {

    private static final Clock CLOCK = Clock.fixed(Forger.T0.plus(Duration.ofDays(10)), ZoneOffset.UTC);

    @TempDir
    Path state;

    static List<Forger.Forgery> forgeries() {
        return Forger.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    void verify_forgery_refusedWithItsVerdict(Forger.Forgery forgery) throws Exception {
        if (forgery.rootTampered()) {
            assertThatThrownBy(() -> TrustRoot.parse(forgery.trustRoot(), "test"))
                    .isInstanceOf(TrustRootException.class)
                    .hasMessageContaining("thumbprint");
            assertThat(verifier(TrustPolicy.NOTHING).verify(forgery.bundle()).status())
                    .isEqualTo(forgery.expected());
            return;
        }
        BundleVerifier verifier = verifier(TrustPolicy.of(TrustRoot.parse(forgery.trustRoot(), "test")));
        for (String seen : forgery.seenFirst()) {
            assertThat(verifier.verify(seen).status()).isEqualTo(ReceiptStatus.VERIFIED);
        }

        BundleReport report = verifier.verify(forgery.bundle());

        assertThat(report.status()).as(report.checks().toString()).isEqualTo(forgery.expected());
        assertThat(report.verified()).isFalse();
        if (forgery.expected() == ReceiptStatus.LOG_FORKED) {
            assertThat(report.forkEvidence()).exists();
            String evidence = Files.readString(report.forkEvidence());
            assertThat(evidence).contains("remembered_note", "presented_note").contains("\u2014 " + "log.test");
        }
    }

    @Test
    void verify_genuineBundleWithItsRoot_verifiedNamingRootAndKey() throws Exception {
        Forger.Forgery genuine = Forger.genuine();

        BundleReport report = verifier(TrustPolicy.of(TrustRoot.parse(genuine.trustRoot(), "pinned.json")))
                .verify(genuine.bundle());

        assertThat(report.status()).as(report.checks().toString()).isEqualTo(ReceiptStatus.VERIFIED);
        assertThat(report.receipt().detail()).contains("live", "receipts", "pinned.json");
        assertThat(report.log().treeSize()).isEqualTo(2);
        assertThat(report.log().logIndex()).isEqualTo(1);
    }

    @Test
    void verify_genuineBundleWithNoRootHeld_untrustedSigner() {
        BundleReport report =
                verifier(TrustPolicy.NOTHING).verify(Forger.genuine().bundle());

        assertThat(report.status()).isEqualTo(ReceiptStatus.UNTRUSTED_SIGNER);
        assertThat(report.receipt().detail()).contains("hints, not trust");
    }

    @Test
    void verify_sandboxTrustedOnPurpose_verifiedAndMarkedSandbox() throws Exception {
        Forger.Forgery sandbox = Forger.sandboxReceiptToLiveRoot();
        TrustPolicy policy = new TrustPolicy(
                List.of(new TrustPolicy.Held(TrustRoot.parse(sandbox.trustRoot(), "sandbox"), true)),
                WitnessPolicy.NONE);

        BundleReport report = verifier(policy).verify(sandbox.bundle());

        assertThat(report.status()).isEqualTo(ReceiptStatus.VERIFIED);
        assertThat(report.receipt().isSandbox()).isTrue();
    }

    @Test
    void verify_sandboxBundleWithABrokenProof_notInLogNotSandbox() throws Exception {
        Forger.Forgery sandbox = Forger.sandboxReceiptToLiveRoot();
        String broken = sandbox.bundle().replaceFirst("\"log_index\":0", "\"log_index\":5");

        BundleReport report = verifier(TrustPolicy.of(TrustRoot.parse(sandbox.trustRoot(), "t")))
                .verify(broken);

        assertThat(report.status()).as("SANDBOX would say the math holds").isEqualTo(ReceiptStatus.NOT_IN_LOG);
    }

    @Test
    void verify_oldFormatBundle_verifiesAgainstRootWhoseReceiptKeyPredatesTheLogKey() throws Exception {
        TestLog log = TestLog.live(Forger.T0);
        int index = log.issue("ds_a", Forger.T0.plusSeconds(60));
        String legacy = log.legacyBundle(index, Forger.T0.plusSeconds(90));

        BundleReport withLegacyRoot = verifier(TrustPolicy.of(TrustRoot.parse(log.trustRoot(true), "t")))
                .verify(legacy);
        BundleReport withNewRoot = verifier(TrustPolicy.of(TrustRoot.parse(log.trustRoot(false), "t")))
                .verify(legacy);

        assertThat(withLegacyRoot.status())
                .as(withLegacyRoot.checks().toString())
                .isEqualTo(ReceiptStatus.VERIFIED);
        assertThat(withNewRoot.status()).isEqualTo(ReceiptStatus.UNTRUSTED_SIGNER);
    }

    @Test
    void verify_witnessPolicyOneOfOne_unwitnessedWithoutAndVerifiedWithCosignature() throws Exception {
        TestLog log = TestLog.live(Forger.T0);
        int index = log.issue("ds_a", Forger.T0.plusSeconds(60));
        NoteSigning witness = NoteSigning.fresh("witness.test/w1", NoteKey.COSIGNATURE_V1);
        TrustPolicy policy = TrustPolicy.of(TrustRoot.parse(log.trustRoot(), "t"))
                .withWitnesses(new WitnessPolicy(List.of(witness.key()), 1));
        SignedNote checkpoint = log.checkpoint(1, Forger.T0.plusSeconds(90));
        SignedNote cosigned = checkpoint.with(witness.sign(checkpoint.text(), Forger.T0.plusSeconds(95)));

        assertThat(verifier(policy)
                        .verify(log.bundle(index, checkpoint.render()))
                        .status())
                .isEqualTo(ReceiptStatus.UNWITNESSED);
        BundleReport witnessed = verifier(policy).verify(log.bundle(index, cosigned.render()));
        assertThat(witnessed.status()).isEqualTo(ReceiptStatus.VERIFIED);
        assertThat(witnessed.log().witnesses()).singleElement().asString().startsWith("witness.test/w1");
    }

    @Test
    void verify_newerCheckpointWithValidConsistencyProof_rememberedAsNewest() throws Exception {
        TestLog log = TestLog.live(Forger.T0);
        int first = log.issue("ds_a", Forger.T0.plusSeconds(60));
        String early = log.bundle(first, Forger.T0.plusSeconds(61));
        log.issue("ds_b", Forger.T0.plusSeconds(62));
        int third = log.issue("ds_c", Forger.T0.plusSeconds(63));
        BundleVerifier verifier = verifier(TrustPolicy.of(TrustRoot.parse(log.trustRoot(), "t")));
        verifier.verify(early);

        BundleReport offline = verifier.verify(log.bundle(third, Forger.T0.plusSeconds(64)));
        BundleReport online = verifier.verify(
                log.bundle(third, Forger.T0.plusSeconds(64)),
                (origin, a, b) -> java.util.Optional.of(log.consistency((int) a, (int) b).stream()
                        .map(java.util.HexFormat.of()::parseHex)
                        .toList()));

        assertThat(offline.status()).isEqualTo(ReceiptStatus.VERIFIED);
        assertThat(offline.checks().get(offline.checks().size() - 1).detail()).contains("no consistency proof");
        assertThat(online.status()).isEqualTo(ReceiptStatus.VERIFIED);
        assertThat(new FileCheckpointMemory(state)
                        .newest(log.origin())
                        .orElseThrow()
                        .checkpoint()
                        .treeSize())
                .isEqualTo(3);
    }

    @Test
    void verify_unknownFormat_malformed() {
        assertThat(verifier(TrustPolicy.NOTHING).verify("{\"format\":\"x\"}").status())
                .isEqualTo(ReceiptStatus.MALFORMED);
        assertThat(verifier(TrustPolicy.NOTHING).verify("[1]").status()).isEqualTo(ReceiptStatus.MALFORMED);
    }

    private BundleVerifier verifier(TrustPolicy policy) {
        return new BundleVerifier(CLOCK, policy, new FileCheckpointMemory(state));
    }
}
