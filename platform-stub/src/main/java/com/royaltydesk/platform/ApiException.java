package com.royaltydesk.platform;

import java.time.Duration;

/**
 * A failure the client can act on: an HTTP status, a stable machine-readable code, a message in
 * plain words and, when one input caused it, the field's path. Services throw it; {@code http.Errors}
 * turns it into the one JSON error shape.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final String field;
    private final Duration retryAfter;

    public ApiException(int status, String code, String message, String field) {
        this(status, code, message, field, null);
    }

    private ApiException(int status, String code, String message, String field, Duration retryAfter) {
        super(message);
        this.status = status;
        this.code = code;
        this.field = field;
        this.retryAfter = retryAfter;
    }

    /** 429; the error mapper sends {@code Retry-After} in whole seconds, rounded up. */
    public static ApiException rateLimited(String message, Duration retryAfter) {
        return new ApiException(429, "rate_limited", message, null, retryAfter);
    }

    /** 429 with its own code: a bounded resource (not a rate) is full; retry after {@code retryAfter}. */
    public static ApiException busy(String code, String message, Duration retryAfter) {
        return new ApiException(429, code, message, null, retryAfter);
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(400, "invalid_request", message, field);
    }

    /**
     * 422 {@code limit_exceeded}: the answer would hold more than a documented maximum; the
     * message names the maximum and where the whole of it can be read instead. Never a silent cut.
     */
    public static ApiException limitExceeded(String message) {
        return new ApiException(422, "limit_exceeded", message, null);
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(409, code, message, null);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message, null);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }

    /** Seconds a client should wait before retrying, or null when the failure is not a rate limit. */
    public Long retryAfterSeconds() {
        if (retryAfter == null) {
            return null;
        }
        return Math.max(1, retryAfter.toSeconds() + (retryAfter.toMillisPart() > 0 ? 1 : 0));
    }
}
