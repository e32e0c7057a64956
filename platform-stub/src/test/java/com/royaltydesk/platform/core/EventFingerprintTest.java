package com.royaltydesk.platform.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.platform.testutil.NoDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag(NoDatabase.TAG)
class EventFingerprintTest {

    /**
     * Computed outside Java: {@code printf '\x00\x00\x00\x0chost_sandboxevt-0001' | sha256sum}
     * gives 82c844baee8afa1f 6dc9d2eae9c121b5 …; a change of the byte layout (which would leave
     * every stored fingerprint wrong, and every resent event counted again) fails here.
     */
    @Test
    void of_isTheFirst16BytesOfSha256OverLengthHostAndEventId() {
        EventFingerprint fingerprint = EventFingerprint.of("host_sandbox", "evt-0001");

        assertThat(fingerprint.hi()).isEqualTo(0x82c844baee8afa1fL);
        assertThat(fingerprint.lo()).isEqualTo(0x6dc9d2eae9c121b5L);
    }

    /** Without the host's length, host "a" with event "bc" and host "ab" with event "c" would be one event. */
    @Test
    void of_sameConcatenationOtherSplit_differs() {
        assertThat(EventFingerprint.of("a", "bc")).isNotEqualTo(EventFingerprint.of("ab", "c"));
        assertThat(EventFingerprint.of("a", "bc")).isEqualTo(EventFingerprint.of("a", "bc"));
    }
}
