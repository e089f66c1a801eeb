package io.parley.auth;

import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import io.parley.errors.Forbidden;
import io.parley.errors.Unauthorized;
import java.util.Set;

/**
 * Who may call a route: the route table gives each route its set, and this checks it once,
 * before every matched route. A caller with no or an invalid token gets 401, and so does a token
 * of the wrong kind (a visitor's on an operator route, an operator's on a visitor route); a known
 * operator whose role is not in the set gets 403. The system API token is an admin.
 */
public enum Access implements RouteRole {
    PUBLIC,
    VISITOR,
    ADMIN,
    AGENT,
    BOT;

    private static final String VISITOR_ATTRIBUTE = "parley.visitor";
    private static final String CALLER_ATTRIBUTE = "parley.caller";

    public static io.javalin.http.Handler checkWith(Tokens tokens, OperatorTokens operators) {
        return ctx -> check(tokens, operators, ctx);
    }

    /** The visitor a VISITOR route was called by; null when an operator called it. */
    public static VisitorClaims visitor(Context ctx) {
        return ctx.attribute(VISITOR_ATTRIBUTE);
    }

    /** The operator (or system token) that called an operator route; null for visitors and public routes. */
    public static Caller caller(Context ctx) {
        return ctx.attribute(CALLER_ATTRIBUTE);
    }

    private static void check(Tokens tokens, OperatorTokens operators, Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        if (roles.contains(PUBLIC)) {
            return;
        }
        String token = Tokens.bearer(ctx.header("Authorization"));
        Caller caller = operator(tokens, operators, token);
        if (caller != null) {
            if (!roles.contains(caller.role()) && roles.contains(VISITOR)) {
                // the contract's "wrong-kind token": an operator token where a visitor's is expected
                throw new Unauthorized("invalid visitor token");
            }
            if (!roles.contains(caller.role())) {
                throw new Forbidden("the " + caller.role().name().toLowerCase() + " role may not call " + ctx.path());
            }
            ctx.attribute(CALLER_ATTRIBUTE, caller);
            return;
        }
        if (roles.contains(VISITOR)) {
            ctx.attribute(VISITOR_ATTRIBUTE, tokens.verify(Tokens.Kind.VISITOR, token));
            return;
        }
        throw new Unauthorized(token == null ? "missing API token" : "invalid API token");
    }

    /** The operator behind {@code token}: the system API token, a session or a bot; null for anything else. */
    public static Caller operator(Tokens tokens, OperatorTokens operators, String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        if (tokens.isApiToken(token)) {
            return Caller.SYSTEM;
        }
        return operators.find(token).orElse(null);
    }
}
