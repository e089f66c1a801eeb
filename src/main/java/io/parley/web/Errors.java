package io.parley.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.parley.db.DatabaseTrouble;
import io.parley.errors.BadRequest;
import io.parley.errors.Conflict;
import io.parley.errors.Forbidden;
import io.parley.errors.NotFound;
import io.parley.errors.ParleyError;
import io.parley.errors.PayloadTooLarge;
import io.parley.errors.RequestTimeout;
import io.parley.errors.TooManyRequests;
import io.parley.errors.Unauthorized;
import io.parley.errors.Unavailable;
import io.parley.errors.UnsupportedMediaType;
import io.parley.json.Json;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place exceptions become the contract's {@code {"message": ...}} responses. */
public final class Errors {
    private static final Logger log = LoggerFactory.getLogger(Errors.class);

    private Errors() {}

    public static void register(RoutesConfig routes) {
        routes.exception(ParleyError.class, (e, ctx) -> {
            if (e instanceof Forbidden) { // a refused origin must not be readable by that origin's page
                ctx.res().setHeader("Access-Control-Allow-Origin", null);
            }
            if (e instanceof RequestTimeout || e instanceof PayloadTooLarge) { // the rest of the body is not read
                ctx.header("Connection", "close");
            }
            retryAfter(e).ifPresent(seconds -> ctx.header("Retry-After", String.valueOf(seconds)));
            respond(ctx, status(e), e.getMessage());
        });
        routes.exception(HttpResponseException.class, (e, ctx) -> {
            if (e.getStatus() == 405) {
                methodNotAllowed(ctx, e);
            } else {
                respond(ctx, e.getStatus(), describe(e));
            }
        });
        routes.exception(JdbiException.class, (e, ctx) -> {
            if (DatabaseTrouble.isTransient(e)) {
                log.warn("database unavailable on {} {}: {}", ctx.method(), ctx.path(), DatabaseTrouble.describe(e));
                ctx.header("Retry-After", "1");
                respond(ctx, 503, "the database is busy or unavailable, nothing was saved: retry shortly");
            } else {
                // the JDBI message would include bound values, i.e. message text: log the kind only
                log.error("database error on {} {}: {}", ctx.method(), ctx.path(), DatabaseTrouble.describe(e));
                respond(ctx, 500, "internal server error");
            }
        });
        routes.exception(Exception.class, (e, ctx) -> {
            log.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
            respond(ctx, 500, "internal server error");
        });
    }

    /** The HTTP status of each kind of typed error; STOMP ERROR frames quote it too. */
    static final Map<Class<? extends ParleyError>, Integer> STATUSES = Map.of(
            BadRequest.class, 400,
            Unauthorized.class, 401,
            Forbidden.class, 403,
            NotFound.class, 404,
            RequestTimeout.class, 408,
            Conflict.class, 409,
            PayloadTooLarge.class, 413,
            UnsupportedMediaType.class, 415,
            TooManyRequests.class, 429,
            Unavailable.class, 503);

    public static int status(ParleyError e) {
        Integer status = STATUSES.get(e.getClass());
        if (status == null) {
            throw new IllegalStateException("no HTTP status for " + e.getClass().getName());
        }
        return status;
    }

    private static OptionalLong retryAfter(ParleyError e) {
        if (e instanceof TooManyRequests tooMany) return OptionalLong.of(tooMany.retryAfterSeconds());
        if (e instanceof Unavailable unavailable) return OptionalLong.of(unavailable.retryAfterSeconds());
        return OptionalLong.empty();
    }

    private static String describe(HttpResponseException e) {
        return switch (e.getStatus()) {
            case 404 -> "no such endpoint";
            case 413 -> "request body is too large";
            default -> e.getMessage() == null || e.getMessage().isBlank() ? "request failed" : e.getMessage();
        };
    }

    /**
     * Javalin lists the methods the path has; the CORS preflight route matches every path, so a path
     * with nothing but OPTIONS does not exist (404), and OPTIONS is left out of {@code Allow}.
     */
    private static void methodNotAllowed(Context ctx, HttpResponseException e) {
        List<String> allowed = e.getDetails().values().stream()
                .flatMap(methods -> Arrays.stream(methods.split(",")))
                .map(String::strip)
                .filter(method -> !method.isEmpty() && !method.equals("OPTIONS"))
                .toList();
        if (allowed.isEmpty()) {
            respond(ctx, 404, "no such endpoint");
            return;
        }
        ctx.header("Allow", String.join(", ", allowed));
        respond(ctx, 405, "method not allowed: " + ctx.path() + " takes " + String.join(" or ", allowed));
    }

    /** The same response to a request Javalin never sees: a WebSocket upgrade refused before it happens. */
    public static void respond(Response response, ParleyError e, Callback callback) {
        response.setStatus(status(e));
        retryAfter(e).ifPresent(seconds -> response.getHeaders().put(HttpHeader.RETRY_AFTER, seconds));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        Content.Sink.write(response, true, Json.write(Map.of("message", e.getMessage())), callback);
    }

    static void respond(Context ctx, int status, String message) {
        ctx.status(status).json(Map.of("message", message));
    }
}
