package com.royaltydesk.app.api;

/**
 * A platform call that did not succeed, in words a user can read. {@code status} is the HTTP status,
 * or 0 when the platform could not be reached at all; {@code code} is the platform's stable error
 * code (or {@code unreachable}).
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final String field;

    public ApiException(int status, String code, String message, Throwable cause) {
        this(status, code, message, null, cause);
    }

    /** {@code field} names the request field the platform blamed, e.g. {@code price_model.rate}. */
    public ApiException(int status, String code, String message, String field, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    static ApiException unreachable(String baseUrl, Throwable cause) {
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new ApiException(
                0, "unreachable", "Cannot reach the platform at " + baseUrl + " (" + reason + ").", cause);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The request field the platform said is wrong, or null. */
    public String field() {
        return field;
    }

    public boolean isUnreachable() {
        return status == 0;
    }
}
