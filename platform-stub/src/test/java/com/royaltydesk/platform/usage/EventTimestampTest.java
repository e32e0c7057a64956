package com.royaltydesk.platform.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.royaltydesk.platform.testutil.NoDatabase;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-read timestamp must agree with {@code OffsetDateTime.parse} on everything, valid or not. */
@Tag(NoDatabase.TAG)
class EventTimestampTest {

    private static final String ALPHABET = "0123456789-:TZ+.tz ";

    /** The formatter's answer: the instant, or the string "refused". */
    private static Object formatter(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return "refused";
        }
    }

    private static Object handRead(String value) {
        try {
            return EventTimestamp.parse(value);
        } catch (DateTimeParseException e) {
            return "refused";
        }
    }

    @Test
    void randomValidTimes_withEveryOffsetAndFractionWidth_sameInstantAsTheFormatter() {
        SplittableRandom random = new SplittableRandom(15);
        for (int i = 0; i < 50_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 250_000_000_000L));
            int offsetSeconds = random.nextInt(-18 * 60, 18 * 60 + 1) * 60;
            OffsetDateTime time = instant.atOffset(ZoneOffset.ofTotalSeconds(offsetSeconds))
                    .withNano(random.nextInt(3) == 0 ? 0 : random.nextInt(1_000_000_000));
            String value = time.toString();
            assertThat(handRead(value)).as(value).isEqualTo(formatter(value));
        }
    }

    @Test
    void validTimesMutated_oneCharacterChanged_acceptedAndRefusedExactlyAsTheFormatterDoes() {
        SplittableRandom random = new SplittableRandom(16);
        int refused = 0;
        for (int i = 0; i < 50_000; i++) {
            String valid = Instant.ofEpochSecond(random.nextLong(0, 4_000_000_000L), random.nextInt(1_000_000_000))
                    .atOffset(ZoneOffset.ofHours(random.nextInt(-12, 13)))
                    .toString();
            char[] chars = valid.toCharArray();
            chars[random.nextInt(chars.length)] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
            String value = new String(chars);
            Object expected = formatter(value);
            assertThat(handRead(value)).as(value).isEqualTo(expected);
            refused += "refused".equals(expected) ? 1 : 0;
        }
        assertThat(refused).as("mutations the formatter refused").isGreaterThan(2_500);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-02-29T00:00:00Z",
                "2024-02-29T23:59:59.999999999+18:00",
                "2026-01-17T24:00:00Z",
                "2026-01-17T12:01:60Z",
                "2026-01-17T12:01:00.Z",
                "2026-01-17T12:01:00.1234567891Z",
                "2026-01-17T12:01:00+19:00",
                "2026-01-17T12:01:00-00:00",
                "2026-01-17T12:01Z",
                "2026-01-17t12:01:00z",
                "+12026-01-17T12:01:00Z",
                "2026-01-17T12:01:00+0100",
                "2026-01-17T12:01:00+01:00:30",
                "2026-13-17T12:01:00Z",
                "2026-01-00T12:01:00Z",
                ""
            })
    void edges_sameAnswerAsTheFormatter(String value) {
        assertThat(handRead(value)).as(value).isEqualTo(formatter(value));
    }

    @Test
    void malformed_refusedWithTheFormattersException() {
        assertThatThrownBy(() -> EventTimestamp.parse("2026-02-30T00:00:00Z"))
                .isInstanceOf(DateTimeParseException.class);
    }

    @Test
    void periodsAndDays_sameAsThroughAZonedDateTime() {
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < 50_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 250_000_000_000L));
            assertThat(Periods.of(instant))
                    .as(instant.toString())
                    .isEqualTo(YearMonth.from(instant.atZone(ZoneOffset.UTC)).toString());
            assertThat(Periods.day(instant))
                    .isEqualTo(instant.atZone(ZoneOffset.UTC).toLocalDate());
        }
    }
}
