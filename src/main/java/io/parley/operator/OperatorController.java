package io.parley.operator;

import io.javalin.http.Context;
import io.parley.auth.Access;
import io.parley.json.Json;
import java.util.Map;

public final class OperatorController {
    private final OperatorService operators;

    public OperatorController(OperatorService operators) {
        this.operators = operators;
    }

    public void create(Context ctx) {
        ctx.json(operators.create(Json.read(ctx.bodyAsBytes(), CreateOperatorRequest.class)));
    }

    public void list(Context ctx) {
        ctx.json(Map.of("data", operators.list()));
    }

    public void me(Context ctx) {
        ctx.json(operators.me(Access.caller(ctx)));
    }

    public void update(Context ctx) {
        ctx.json(operators.update(Access.caller(ctx), Json.read(ctx.bodyAsBytes(), UpdateOperatorRequest.class)));
    }

    public void setAvailability(Context ctx) {
        var request = Json.read(ctx.bodyAsBytes(), AvailabilityRequest.class);
        ctx.json(operators.setAvailability(Access.caller(ctx), request));
    }
}
