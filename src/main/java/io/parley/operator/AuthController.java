package io.parley.operator;

import io.javalin.http.Context;
import io.parley.auth.Access;
import io.parley.json.Json;
import java.util.Map;

public final class AuthController {
    private final AuthService auth;

    public AuthController(AuthService auth) {
        this.auth = auth;
    }

    public void login(Context ctx) {
        ctx.json(auth.login(Json.read(ctx.bodyAsBytes(), LoginRequest.class)));
    }

    public void logout(Context ctx) {
        auth.logout(Access.caller(ctx));
        ctx.status(202).json(Map.of());
    }

    /** Admins only, which before the first person exists means the system API token. */
    public void setup(Context ctx) {
        ctx.json(auth.setup(Json.read(ctx.bodyAsBytes(), CreateOperatorRequest.class)));
    }
}
