package com.royaltydesk.app.ui.assets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The form knows the platform's money maxima, so it says "at most" before the platform refuses. */
class PriceModelInputTest {

    private static PriceModelInput.Result check(String type, String rate, String floor, String weight) {
        return PriceModelInput.check(new PriceModelInput.Fields(type, rate, null, floor, weight, "USD"));
    }

    @Test
    void check_theMaximumAccepted_onePastItNamedWithTheMaximum() {
        assertThat(check("per_use", "100", null, null).valid()).isTrue();
        assertThat(check("per_use", "100.000001", null, null).errors()).containsEntry("rate", "At most 100.");
        assertThat(check("floor_plus", "1", "1000000000.5", null).errors())
                .containsEntry("monthly_floor", "At most 1000000000.");
        assertThat(check("subscription_bonus", null, null, "1001").errors()).containsEntry("weight", "At most 1000.");
    }
}
