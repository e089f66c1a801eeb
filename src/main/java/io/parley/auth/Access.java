package io.parley.auth;

import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import io.parley.errors.Unauthorized;
import java.util.Set;

/** Who may call a route; checked once, before every matched route, from the route table's roles. */
public enum Access implements RouteRole {
    PUBLIC,
    VISITOR,
    OPERATOR;

    private static final String VISITOR_ATTRIBUTE = "parley.visitor";

    public static io.javalin.http.Handler checkWith(Tokens tokens) {
        return ctx -> check(tokens, ctx);
    }

    /** The visitor a VISITOR route was called by; null when an operator called it. */
    public static VisitorClaims visitor(Context ctx) {
        return ctx.attribute(VISITOR_ATTRIBUTE);
    }

    private static void check(Tokens tokens, Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        if (roles.contains(PUBLIC)) {
            return;
        }
        String token = Tokens.bearer(ctx.header("Authorization"));
        if (roles.contains(OPERATOR) && tokens.isApiToken(token)) {
            return;
        }
        if (roles.contains(VISITOR)) {
            ctx.attribute(VISITOR_ATTRIBUTE, tokens.verify(Tokens.Kind.VISITOR, token));
            return;
        }
        throw new Unauthorized(token == null ? "missing API token" : "invalid API token");
    }
}
