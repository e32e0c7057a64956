package com.royaltydesk.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JwsCheckTest {

    @Test
    void verifiesWith_rightKey_trueOtherKeyOrGarbage_false() throws Exception {
        var key = TestKeys.ed25519("k1");
        var other = TestKeys.ed25519("k1");
        String jws = TestKeys.sign(
                key,
                TestKeys.RECEIPT,
                TestKeys.claims(Instant.now(), Instant.now().plus(Duration.ofDays(1))));

        assertThat(JwsCheck.verifiesWith(jws, key.toPublicJWK().toJSONString())).isTrue();
        assertThat(JwsCheck.verifiesWith(jws, other.toPublicJWK().toJSONString()))
                .isFalse();
        assertThat(JwsCheck.verifiesWith(jws, "{}")).isFalse();
        assertThat(JwsCheck.verifiesWith("not.a.jws", key.toPublicJWK().toJSONString()))
                .isFalse();
    }
}
