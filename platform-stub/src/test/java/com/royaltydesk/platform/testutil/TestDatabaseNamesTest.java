package com.royaltydesk.platform.testutil;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Which test databases a new test JVM may drop: only those of runs that no longer exist. */
@Tag(NoDatabase.TAG)
class TestDatabaseNamesTest {

    private static final long SELF = ProcessHandle.current().pid();
    /** Above any pid Linux hands out (pid_max is at most 2^22). */
    private static final long NO_SUCH_PROCESS = 9_999_999_999L;

    @Test
    void aRunningJvmsDatabasesAndTemplate_areKept() {
        assertThat(TestDatabase.ownerIsGone("rdk_test_" + SELF + "_0123456789abcdef"))
                .isFalse();
        assertThat(TestDatabase.ownerIsGone("rdk_test_template_" + SELF)).isFalse();
    }

    @Test
    void aGoneRunsDatabasesAndTemplate_areDropped() {
        assertThat(TestDatabase.ownerIsGone("rdk_test_" + NO_SUCH_PROCESS + "_0123456789abcdef"))
                .isTrue();
        assertThat(TestDatabase.ownerIsGone("rdk_test_template_" + NO_SUCH_PROCESS))
                .isTrue();
    }

    @Test
    void namesFromBeforeThePid_areDropped() {
        assertThat(TestDatabase.ownerIsGone("rdk_test_0123456789abcdef0123")).isTrue();
        assertThat(TestDatabase.ownerIsGone("rdk_test_1234567890123456789")).isTrue();
    }
}
