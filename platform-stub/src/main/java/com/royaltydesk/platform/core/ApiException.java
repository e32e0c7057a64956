package com.royaltydesk.platform.core;

import java.time.Duration;

/**
 * A failure the client can act on: what kind of failure it is, a stable machine-readable code, a
 * message in plain words and, when one input caused it, the field's path. Services throw it and
 * say what went wrong, not which HTTP status that is; {@code http.Errors} maps the kind to a status
 * and writes the one JSON error shape.
 */
public class ApiException extends RuntimeException {

    /** What went wrong, in terms of the request — {@code http.Errors} knows the status for each. */
    public enum Kind {
        /** The request is malformed or a value is out of its documented range. */
        INVALID,
        /** No valid credentials. */
        UNAUTHENTICATED,
        /** Valid credentials, not allowed here. */
        FORBIDDEN,
        /** Nothing there — or nothing the caller may know of. */
        NOT_FOUND,
        /** The client took too long to send. */
        TIMED_OUT,
        /** The state of things forbids it now. */
        CONFLICT,
        /** The body is larger than allowed. */
        TOO_LARGE,
        /** The body is not in a form this endpoint reads. */
        UNSUPPORTED_MEDIA_TYPE,
        /** The answer would exceed a documented maximum. */
        LIMIT_EXCEEDED,
        /** Too many requests, or a bounded resource is full: retry later. */
        TOO_MANY,
        /** The platform cannot serve it now. */
        UNAVAILABLE
    }

    private final Kind kind;
    private final String code;
    private final String field;
    private final Duration retryAfter;

    public ApiException(Kind kind, String code, String message, String field) {
        this(kind, code, message, field, null);
    }

    private ApiException(Kind kind, String code, String message, String field, Duration retryAfter) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.field = field;
        this.retryAfter = retryAfter;
    }

    /** Too many; the error mapper sends {@code Retry-After} in whole seconds, rounded up. */
    public static ApiException rateLimited(String message, Duration retryAfter) {
        return new ApiException(Kind.TOO_MANY, "rate_limited", message, null, retryAfter);
    }

    /** Too many, with its own code: a bounded resource (not a rate) is full; retry after {@code retryAfter}. */
    public static ApiException busy(String code, String message, Duration retryAfter) {
        return new ApiException(Kind.TOO_MANY, code, message, null, retryAfter);
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(Kind.INVALID, "invalid_request", message, field);
    }

    /**
     * {@code limit_exceeded}: the answer would hold more than a documented maximum; the
     * message names the maximum and where the whole of it can be read instead. Never a silent cut.
     */
    public static ApiException limitExceeded(String message) {
        return new ApiException(Kind.LIMIT_EXCEEDED, "limit_exceeded", message, null);
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(Kind.CONFLICT, code, message, null);
    }

    public static ApiException notFound(String message) {
        return new ApiException(Kind.NOT_FOUND, "not_found", message, null);
    }

    /**
     * The same failure, about one item of a list: {@code claims[3]} makes the field
     * {@code claims[3].metadata.license} and says which item in the message.
     */
    public ApiException within(String item) {
        String path = field == null ? item : item + "." + field;
        ApiException located = new ApiException(kind, code, item + ": " + getMessage(), path, retryAfter);
        located.setStackTrace(getStackTrace());
        return located;
    }

    public Kind kind() {
        return kind;
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
