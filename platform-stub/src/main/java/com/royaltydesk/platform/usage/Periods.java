package com.royaltydesk.platform.usage;

import com.royaltydesk.platform.core.ApiException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Billing periods are calendar months in UTC, written {@code YYYY-MM}. */
public final class Periods {

    private Periods() {}

    public static String of(Instant instant) {
        return YearMonth.from(instant.atZone(ZoneOffset.UTC)).toString();
    }

    public static LocalDate day(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** Parses a period from a request; 400 naming {@code field} when it is not {@code YYYY-MM}. */
    public static YearMonth parse(String value, String field) {
        try {
            if (value != null && value.matches("\\d{4}-\\d{2}")) {
                return YearMonth.parse(value);
            }
        } catch (DateTimeParseException e) {
            // the same message as any other malformed period
        }
        throw ApiException.invalid(field, field + " must be a month written YYYY-MM.");
    }
}
