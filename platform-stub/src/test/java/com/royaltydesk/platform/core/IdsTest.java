package com.royaltydesk.platform.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.royaltydesk.platform.testutil.NoDatabase;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Ids are random: the length asked for, base62 only, never repeated, every character as likely. */
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
