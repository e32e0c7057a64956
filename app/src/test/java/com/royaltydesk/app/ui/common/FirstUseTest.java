package com.royaltydesk.app.ui.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FirstUseTest {

    @Test
    void get_makesOnceOnFirstCall_andHandsOutTheSameValue() {
        AtomicInteger made = new AtomicInteger();
        FirstUse<Object> value = FirstUse.of(() -> {
            made.incrementAndGet();
            return new Object();
        });
        assertThat(made).hasValue(0);

        Object first = value.get();

        assertThat(value.get()).isSameAs(first);
        assertThat(made).hasValue(1);
    }

    @Test
    void get_makerReturnsNull_failsInsteadOfMakingAgainEachTime() {
        FirstUse<Object> value = FirstUse.of(() -> null);

        assertThatThrownBy(value::get).isInstanceOf(NullPointerException.class).hasMessageContaining("made nothing");
    }
}
