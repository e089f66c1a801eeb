package io.parley.web;

import io.javalin.http.Context;

/**
 * The widget calls the API from other origins, so every endpoint answers preflights. The
 * API authenticates by bearer token, never by cookie, so reflecting the origin leaks nothing.
 */
public final class Cors {
    private Cors() {}

    public static void addHeaders(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null) {
            return;
        }
        ctx.header("Access-Control-Allow-Origin", origin);
        ctx.header("Vary", "Origin");
        ctx.header("Access-Control-Expose-Headers", "Retry-After");
    }

    public static void preflight(Context ctx) {
        ctx.header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        String requested = ctx.header("Access-Control-Request-Headers");
        ctx.header("Access-Control-Allow-Headers", requested != null ? requested : "Authorization, Content-Type");
        ctx.header("Access-Control-Max-Age", "600");
        ctx.status(204);
    }
}
