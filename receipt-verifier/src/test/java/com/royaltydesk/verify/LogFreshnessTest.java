package com.royaltydesk.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.verify.state.ConsistencyProofs;
import com.royaltydesk.verify.testsupport.Forger;
import com.royaltydesk.verify.testsupport.TestLog;
import com.royaltydesk.verify.trust.TrustPolicy;
import com.royaltydesk.verify.trust.TrustRoot;
import com.royaltydesk.verify.trust.WitnessPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A bundle's log checked online: the platform's newest checkpoint must extend what the bundle was proven against. */
class LogFreshnessTest {

    private static final Instant T0 = Forger.T0;

    private TestLog log;
    private String bundle;
    private TrustPolicy.Held held;

    @BeforeEach
    void aBundleAtSizeTwo() throws Exception {
        log = TestLog.live(T0);
        log.issue("ds_a", T0.plusSeconds(60));
        int index = log.issue("ds_b", T0.plusSeconds(120));
        bundle = log.bundle(index, T0.plusSeconds(180));
        held = new TrustPolicy.Held(TrustRoot.parse(log.trustRoot(), "test"), false);
    }

    private ConsistencyProofs from(TestLog source) {
        return (origin, first, second) -> Optional.of(source.consistency((int) first, (int) second).stream()
                .map(java.util.HexFormat.of()::parseHex)
                .toList());
    }

    private LogFreshness.Result check(String newestNote, ConsistencyProofs proofs) {
        return LogFreshness.check(bundle, held, WitnessPolicy.NONE, newestNote, proofs);
    }

    @Test
    void logGrew_proofHolds_consistent() {
        log.issue("ds_c", T0.plusSeconds(240));
        log.issue("ds_d", T0.plusSeconds(300));

        LogFreshness.Result result =
                check(log.checkpoint(4, T0.plusSeconds(360)).render(), from(log));

        assertThat(result.consistent()).as(result.detail()).isTrue();
        assertThat(result.newestSize()).isEqualTo(4);
        assertThat(result.bundleSize()).isEqualTo(2);
        assertThat(result.detail()).contains("from 2 to 4");
    }

    @Test
    void logUnchanged_sameRoot_consistent() {
        assertThat(check(log.checkpoint(2, T0.plusSeconds(400)).render(), from(log))
                        .consistent())
                .isTrue();
    }

    @Test
    void historyRewritten_sameKeys_proofFails() {
        TestLog other = log.sameKeysOtherHistory();
        for (int i = 0; i < 4; i++) {
            other.issue("ds_other_" + i, T0.plusSeconds(60 + i));
        }

        LogFreshness.Result result =
                check(other.checkpoint(4, T0.plusSeconds(500)).render(), from(other));

        assertThat(result.consistent()).isFalse();
        assertThat(result.detail()).contains("does not hold");
    }

    @Test
    void sameSizeOtherRoot_twoHistories() {
        TestLog other = log.sameKeysOtherHistory();
        other.issue("ds_x", T0.plusSeconds(60));
        other.issue("ds_y", T0.plusSeconds(61));

        LogFreshness.Result result =
                check(other.checkpoint(2, T0.plusSeconds(500)).render(), from(other));

        assertThat(result.consistent()).isFalse();
        assertThat(result.detail()).contains("two histories");
    }

    @Test
    void smallerLog_rewritten() {
        assertThat(check(log.checkpoint(1, T0.plusSeconds(500)).render(), from(log))
                        .detail())
                .contains("smaller");
    }

    @Test
    void newestSignedByAnotherKey_refused() {
        TestLog impostor = log.impostor();
        impostor.issue("ds_a", T0.plusSeconds(60));
        impostor.issue("ds_b", T0.plusSeconds(61));
        impostor.issue("ds_z", T0.plusSeconds(62));

        LogFreshness.Result result =
                check(impostor.checkpoint(3, T0.plusSeconds(500)).render(), from(impostor));

        assertThat(result.consistent()).isFalse();
        assertThat(result.detail()).contains("not signed by the log key you trust");
    }

    @Test
    void noProofGiven_notConsistent() {
        log.issue("ds_c", T0.plusSeconds(240));

        LogFreshness.Result result =
                check(log.checkpoint(3, T0.plusSeconds(360)).render(), (o, f, s) -> Optional.<List<byte[]>>empty());

        assertThat(result.consistent()).isFalse();
        assertThat(result.detail()).contains("no consistency proof");
    }
}
