package com.royaltydesk.platform.core;

import java.util.regex.Pattern;

/** Input validation shared by handlers and services; every failure is a 400 naming the field. */
public final class Validate {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_\\-]{1,64}");
    private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");

    private Validate() {}

    public static String requiredText(String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalid(field, field + " is required.");
        }
        return optionalText(value, field, maxLength);
    }

    public static String optionalText(String value, String field, int maxLength) {
        if (value == null) {
            return null;
        }
        if (value.length() > maxLength) {
            throw ApiException.invalid(field, field + " must be at most " + maxLength + " characters.");
        }
        if (value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            throw ApiException.invalid(field, field + " must not contain control characters.");
        }
        return value.strip();
    }

    /** An identifier as the platform makes them: letters, digits, '_' and '-', at most 64. */
    public static String id(String value, String field) {
        if (value == null || !ID.matcher(value).matches()) {
            throw ApiException.invalid(field, field + " must be an id of letters, digits, '_' or '-' (at most 64).");
        }
        return value;
    }

    /** {@code sha256:} followed by 64 lowercase hex digits. */
    public static String sha256(String value, String field) {
        if (value == null || !SHA256.matcher(value).matches()) {
            throw ApiException.invalid(field, field + " must look like sha256:<64 lowercase hex digits>.");
        }
        return value;
    }

    public static int limit(String raw, int defaultLimit, int maxLimit) {
        if (raw == null || raw.isBlank()) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= maxLimit) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // falls through to the same message
        }
        throw ApiException.invalid("limit", "limit must be a whole number from 1 to " + maxLimit + ".");
    }
}
