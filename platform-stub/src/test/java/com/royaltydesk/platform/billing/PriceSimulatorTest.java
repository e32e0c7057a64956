package com.royaltydesk.platform.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.platform.assets.PriceModel;
import com.royaltydesk.platform.testutil.NoDatabase;
import java.math.BigDecimal;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The arithmetic of one simulated month, computed by hand. */
@Tag(NoDatabase.TAG)
class PriceSimulatorTest {

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    @Test
    void perUse_theRateOnEveryToken() {
        PriceModel price = new PriceModel("per_use", d("0.00003"), null, null, null, "USD");
        assertThat(PriceSimulator.wouldEarn(price, 4, 1_234_567, d("99"), true)).isEqualByComparingTo("37.03701");
    }

    @Test
    void revShare_theShareOfEveryRevenue_nothingWithoutRevenue() {
        PriceModel price = new PriceModel("rev_share", null, d("0.15"), null, null, "USD");
        assertThat(PriceSimulator.wouldEarn(price, 3, 500, d("12.34"), false)).isEqualByComparingTo("1.851");
        assertThat(PriceSimulator.wouldEarn(price, 3, 500, BigDecimal.ZERO, true))
                .isEqualByComparingTo("0");
    }

    @Test
    void floorPlus_theFloorOnlyInASettledMonthWithUsage() {
        PriceModel price = new PriceModel("floor_plus", d("0.0001"), null, d("250.00"), null, "USD");
        assertThat(PriceSimulator.wouldEarn(price, 10, 1_000_000, BigDecimal.ZERO, true))
                .isEqualByComparingTo("250");
        assertThat(PriceSimulator.wouldEarn(price, 10, 3_000_000, BigDecimal.ZERO, true))
                .isEqualByComparingTo("300");
        assertThat(PriceSimulator.wouldEarn(price, 10, 1_000_000, BigDecimal.ZERO, false))
                .isEqualByComparingTo("100");
        assertThat(PriceSimulator.wouldEarn(price, 0, 0, BigDecimal.ZERO, true)).isEqualByComparingTo("0");
    }
}
