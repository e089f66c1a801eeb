package io.parley.canned;

import io.javalin.http.Context;
import io.parley.json.Json;
import java.util.Map;

public final class CannedResponseController {
    private final CannedResponseService canned;

    public CannedResponseController(CannedResponseService canned) {
        this.canned = canned;
    }

    public void create(Context ctx) {
        ctx.json(canned.create(read(ctx)));
    }

    public void list(Context ctx) {
        ctx.json(Map.of("data", canned.list()));
    }

    public void update(Context ctx) {
        ctx.json(canned.update(read(ctx)));
    }

    public void delete(Context ctx) {
        canned.delete(read(ctx));
        ctx.status(202).json(Map.of());
    }

    private static CannedResponseRequest read(Context ctx) {
        return Json.read(ctx.bodyAsBytes(), CannedResponseRequest.class);
    }
}
