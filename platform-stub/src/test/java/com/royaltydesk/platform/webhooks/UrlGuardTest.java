package com.royaltydesk.platform.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.royaltydesk.platform.core.ApiException;
import com.royaltydesk.platform.testutil.NoDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Webhooks cannot be turned inward: every IANA special-purpose range, and loopback-only when embedded. */
@Tag(NoDatabase.TAG)
class UrlGuardTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1/x",
                "http://10.1.2.3/x",
                "http://100.64.0.1/x",
                "http://169.254.169.254/x",
                "http://172.16.0.1/x",
                "http://192.0.0.8/x",
                "http://192.168.1.1/x",
                "http://198.18.0.1/x",
                "http://0.0.0.0/x",
                "http://[::1]/x",
                "http://[::]/x",
                "http://[fd00::1]/x",
                "http://[fe80::1]/x",
                "http://[64:ff9b::a00:1]/x",
                "http://[2002:a00:1::]/x",
                "http://[::a00:1]/x",
                "http://[::ffff:10.0.0.1]/x",
                "http://[2001:db8::1]/x",
                "http://224.0.0.1/x"
            })
    void publicOnly_specialPurposeAddress_refused(String url) {
        assertThatThrownBy(() -> new UrlGuard(UrlGuard.Targets.PUBLIC_ONLY).check(url))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("special-purpose");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://93.184.216.34/hook", "https://[2606:4700::1111]/hook"})
    void publicOnly_publicAddress_accepted(String url) {
        assertThat(new UrlGuard(UrlGuard.Targets.PUBLIC_ONLY).check(url)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"http://192.168.1.1/x", "http://10.0.0.1/x", "http://93.184.216.34/x", "http://[fd00::1]/x"})
    void loopbackOnly_anythingButThisComputer_refused(String url) {
        assertThatThrownBy(() -> new UrlGuard(UrlGuard.Targets.LOOPBACK_ONLY).check(url))
                .hasMessageContaining("only to this computer");
        assertThat(new UrlGuard(UrlGuard.Targets.LOOPBACK_ONLY).check("http://127.0.0.1:9/x"))
                .isNotNull();
    }
}
