package com.royaltydesk.app.api;

/**
 * A platform call that did not succeed, in words a user can read. {@code status} is the HTTP status,
 * or 0 when the platform could not be reached at all; {@code code} is the platform's stable error
 * code (or {@code unreachable}).
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String code;

    public ApiException(int status, String code, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
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

    public boolean isUnreachable() {
        return status == 0;
    }
}
