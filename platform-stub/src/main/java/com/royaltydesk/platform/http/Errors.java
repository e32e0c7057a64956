package com.royaltydesk.platform.http;

import com.fasterxml.jackson.core.JacksonException;
import com.royaltydesk.platform.core.ApiException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one mapping from failures to the JSON error shape. Every path out of the server that is not
 * a success goes through here, so clients never see HTML, a stack trace or SQL.
 */
public final class Errors {

    private static final Logger LOG = LoggerFactory.getLogger(Errors.class);

    private Errors() {}

    public static void install(JavalinConfig config) {
        install(config, () -> {});
    }

    /** The HTTP status for each kind of failure a service reports: the one place they are paired. */
    static int statusOf(ApiException.Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case TIMED_OUT -> 408;
            case CONFLICT -> 409;
            case TOO_LARGE -> 413;
            case UNSUPPORTED_MEDIA_TYPE -> 415;
            case LIMIT_EXCEEDED -> 422;
            case TOO_MANY -> 429;
            case UNAVAILABLE -> 503;
        };
    }

    /**
     * The same; {@code onDamage} runs when a request meets a damaged database page (decision 0017):
     * the request answers 503 {@code database_damaged}, and the platform arranges for the next
     * start to check the whole file and rebuild it.
     */
    public static void install(JavalinConfig config, Runnable onDamage) {
        config.routes.exception(ApiException.class, (e, ctx) -> {
            if (e.retryAfterSeconds() != null) {
                ctx.header("Retry-After", String.valueOf(e.retryAfterSeconds()));
            }
            write(ctx, statusOf(e.kind()), e.code(), e.getMessage(), e.field());
        });
        config.routes.exception(
                JacksonException.class,
                (e, ctx) ->
                        write(ctx, 400, "invalid_json", "The request body is not valid JSON for this endpoint.", null));
        config.routes.exception(HttpResponseException.class, (e, ctx) -> writeStatus(ctx, e.getStatus()));
        // The money bounds (assets.MoneyBounds) keep every sum far inside NUMERIC(38, 18); should a
        // sum still not fit, the transaction has rolled back: say so as a refusal, not a crash.
        config.routes.exception(com.royaltydesk.platform.db.DataAccessException.class, (e, ctx) -> {
            if (e.getCause() instanceof java.sql.SQLException sql && "22003".equals(sql.getSQLState())) {
                LOG.warn("Numeric overflow refused on {} {}", ctx.method(), ctx.path(), e);
                write(
                        ctx,
                        400,
                        "amount_out_of_range",
                        "An amount would exceed what the platform can store;" + " nothing was changed.",
                        null);
                return;
            }
            if (!damaged(e, ctx, onDamage)) {
                LOG.error("Unhandled error on {} {}", ctx.method(), ctx.path(), e);
                write(ctx, 500, "internal_error", "The platform hit an unexpected error; nothing was changed.", null);
            }
        });
        // A body the client broke off or mis-framed (bad chunk sizes, early end of stream) surfaces
        // while a handler reads it, as Jetty's BadMessageException or EofException: the client's
        // fault. Other I/O failures stay 500s — they may be ours.
        config.routes.exception(org.eclipse.jetty.http.BadMessageException.class, (e, ctx) -> unreadableBody(ctx));
        config.routes.exception(org.eclipse.jetty.io.EofException.class, (e, ctx) -> unreadableBody(ctx));
        config.routes.exception(Exception.class, (e, ctx) -> {
            // The details stay in the log; the client learns only that it was not its fault.
            if (!damaged(e, ctx, onDamage)) {
                LOG.error("Unhandled error on {} {}", ctx.method(), ctx.path(), e);
                write(ctx, 500, "internal_error", "The platform hit an unexpected error; nothing was changed.", null);
            }
        });
        // Routing failures (unknown path, wrong method) arrive as bare statuses with no body yet.
        config.routes.error(404, "*", ctx -> writeIfEmpty(ctx, 404));
        config.routes.error(405, "*", ctx -> writeIfEmpty(ctx, 405));
    }

    private static boolean damaged(Exception e, io.javalin.http.Context ctx, Runnable onDamage) {
        if (!com.royaltydesk.platform.db.UnopenableDatabase.isDamage(e)) {
            return false;
        }
        LOG.error("The database is damaged: {} {} met a damaged page", ctx.method(), ctx.path(), e);
        onDamage.run();
        write(
                ctx,
                503,
                "database_damaged",
                "The platform's database is damaged. Restart the platform: it checks the whole database at start"
                        + " and rebuilds it from the newest backup and the journals.",
                null);
        return true;
    }

    /** What Jetty itself answers (malformed URI and the like) gets the same shape. */
    public static void installBeforeJavalin(JavalinConfig config) {
        config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
        config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new JsonErrorHandler()));
    }

    private static void unreadableBody(Context ctx) {
        write(
                ctx,
                400,
                "unreadable_body",
                "The request body could not be read (malformed chunked encoding or an early end); nothing changed.",
                null);
    }

    private static void writeIfEmpty(Context ctx, int status) {
        if (ctx.result() == null || ctx.result().isEmpty()) {
            writeStatus(ctx, status);
        }
    }

    private static void writeStatus(Context ctx, int status) {
        write(ctx, status, codeFor(status), messageFor(ctx, status), null);
    }

    static void write(Context ctx, int status, String code, String message, String field) {
        ctx.status(status).json(ErrorBody.of(code, message, field));
    }

    static String codeFor(int status) {
        return switch (status) {
            case 400 -> "invalid_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 409 -> "conflict";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 429 -> "rate_limited";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal_error" : "invalid_request";
        };
    }

    private static String messageFor(Context ctx, int status) {
        return switch (status) {
            case 404 -> "No resource at " + ctx.method() + " " + ctx.path() + ".";
            case 405 -> ctx.method() + " is not allowed on " + ctx.path() + ".";
            case 413 -> "The request body is larger than the platform accepts.";
            case 415 -> "Send the body as application/json.";
            case 429 -> "Too many requests; retry later.";
            default -> status >= 500 ? "The platform could not complete the request." : "The request was not valid.";
        };
    }
}
