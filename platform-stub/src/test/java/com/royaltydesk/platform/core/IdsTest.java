package com.royaltydesk.platform.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.platform.testutil.NoDatabase;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Ids start with the time they were made, so they sort in the order made; the rest and secrets are
 * random: the length asked for, base62 only, never repeated, every character as likely.
 */
@Tag(NoDatabase.TAG)
class IdsTest {

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    @Test
    void newId_prefixThenTwentyBase62Characters_neverTheSameTwice() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            String id = Ids.newId("pt");
            assertThat(id).matches("pt_[0-9A-Za-z]{20}");
            assertThat(seen.add(id)).as(id).isTrue();
        }
    }

    /** Without the time first, ids sort at random and a table's index takes them all over (#15). */
    @Test
    void newId_madeLater_sortsAfter_andStartsWithTheTimeItWasMade() throws Exception {
        long start = System.currentTimeMillis();
        String earlier = Ids.newId("pt");
        Thread.sleep(2);
        for (int i = 0; i < 1_000; i++) {
            assertThat(Ids.newId("pt")).isGreaterThan(earlier);
        }
        String time = earlier.substring("pt_".length(), "pt_".length() + Ids.TIME_LENGTH);
        assertThat(time)
                .isBetween(Ids.base62(start, Ids.TIME_LENGTH), Ids.base62(System.currentTimeMillis(), Ids.TIME_LENGTH));
    }

    @Test
    void base62_fixedWidth_sortsAsTheNumbers() {
        assertThat(Ids.base62(0, 8)).isEqualTo("00000000");
        assertThat(Ids.base62(61, 2)).isEqualTo("0z");
        assertThat(Ids.base62(62, 2)).isEqualTo("10");
        long[] values = {0, 1, 61, 62, 3_843, 3_844, 1_764_000_000_000L, 1_764_000_000_001L, 218_340_105_584_895L};
        for (int i = 1; i < values.length; i++) {
            assertThat(Ids.base62(values[i], 8)).isGreaterThan(Ids.base62(values[i - 1], 8));
        }
    }

    @Test
    void randomBase62_anyLength_exactlyThatMany() {
        for (int length = 0; length <= 100; length++) {
            assertThat(Ids.randomBase62(length)).hasSize(length);
        }
    }

    /**
     * Every one of the 62 characters about equally often: a chi-squared test over 620,000
     * characters (61 degrees of freedom; 100 is beyond the 0.999 quantile, 99.6). Taking a random
     * byte modulo 62, or keeping the values 62 and 63 as some character, fails it by far.
     */
    @Test
    void randomBase62_everyCharacterEquallyLikely() {
        int[] counts = new int[62];
        for (int i = 0; i < 10_000; i++) {
            for (char c : Ids.randomBase62(62).toCharArray()) {
                counts[BASE62.indexOf(c)]++;
            }
        }
        double expected = 10_000;
        double chiSquared = 0;
        for (int count : counts) {
            chiSquared += (count - expected) * (count - expected) / expected;
        }
        assertThat(chiSquared).isLessThan(100);
    }
}
