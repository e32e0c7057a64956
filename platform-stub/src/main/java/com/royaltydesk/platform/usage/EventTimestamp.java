package com.royaltydesk.platform.usage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * An event's {@code timestamp}, exactly as {@code OffsetDateTime.parse(value).toInstant()} reads
 * it, but the usual shape — {@code 2026-01-17T12:01:00Z}, with an optional fraction and a {@code Z}
 * or {@code ±HH:MM} offset — read by hand: the formatter's parse was about 10 % of ingestion's
 * samples at 51,000 events/s. Anything else, including every malformed value, goes to {@code
 * OffsetDateTime.parse}, so what is accepted and refused is the formatter's decision alone
 * ({@code EventTimestampTest} compares the two on valid and mutated values).
 */
final class EventTimestamp {

    private static final int DATE_TIME_LENGTH = "2026-01-17T12:01:00".length();

    private EventTimestamp() {}

    static Instant parse(String value) {
        Instant fast = readUsualShape(value);
        return fast != null ? fast : OffsetDateTime.parse(value).toInstant();
    }

    /** The instant, or null when {@code value} is not of the usual shape or not a valid time. */
    private static Instant readUsualShape(String s) {
        if (s.length() < DATE_TIME_LENGTH + 1
                || s.charAt(4) != '-'
                || s.charAt(7) != '-'
                || s.charAt(10) != 'T'
                || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59) {
            return null;
        }
        int at = DATE_TIME_LENGTH;
        int nanos = 0;
        if (s.charAt(at) == '.') {
            int start = ++at;
            while (at < s.length() && isDigit(s.charAt(at))) {
                at++;
            }
            int width = at - start;
            if (width < 1 || width > 9) {
                return null;
            }
            nanos = digits(s, start, width);
            for (int i = width; i < 9; i++) {
                nanos *= 10;
            }
        }
        int offsetSeconds = offset(s, at);
        if (offsetSeconds == Integer.MIN_VALUE) {
            return null;
        }
        LocalDate date = LocalDate.of(year, month, 1);
        if (day > date.lengthOfMonth()) {
            return null;
        }
        long epochSecond =
                (date.toEpochDay() + day - 1) * 86_400L + hour * 3_600L + minute * 60L + second - offsetSeconds;
        return Instant.ofEpochSecond(epochSecond, nanos);
    }

    /** The offset that ends {@code s} at {@code at} in seconds: {@code Z} or {@code ±HH:MM}; else MIN_VALUE. */
    private static int offset(String s, int at) {
        if (at == s.length() - 1 && s.charAt(at) == 'Z') {
            return 0;
        }
        if (at != s.length() - 6 || s.charAt(at + 3) != ':') {
            return Integer.MIN_VALUE;
        }
        char sign = s.charAt(at);
        int hours = digits(s, at + 1, 2);
        int minutes = digits(s, at + 4, 2);
        if ((sign != '+' && sign != '-') || hours < 0 || hours > 17 || minutes < 0 || minutes > 59) {
            return Integer.MIN_VALUE; // ±18:00 is valid too, and rare: the formatter reads it
        }
        int seconds = hours * 3_600 + minutes * 60;
        return sign == '-' ? -seconds : seconds;
    }

    /** The decimal number of {@code width} digits at {@code from}, or -1 if one is not a digit. */
    private static int digits(String s, int from, int width) {
        int value = 0;
        for (int i = from; i < from + width; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
