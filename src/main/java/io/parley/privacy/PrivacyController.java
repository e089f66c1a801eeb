package io.parley.privacy;

import io.javalin.http.Context;
import io.parley.json.Json;
import io.parley.web.Require;
import java.util.Map;

/** Admin-only export and erasure of one contact. */
public final class PrivacyController {
    private final PrivacyService privacy;

    public PrivacyController(PrivacyService privacy) {
        this.privacy = privacy;
    }

    public void export(Context ctx) {
        var request = Json.read(ctx.bodyAsBytes(), ContactIdRequest.class);
        ctx.json(privacy.export(Require.uuid("contact_id", request.contactId())));
    }

    public void delete(Context ctx) {
        var request = Json.read(ctx.bodyAsBytes(), ContactIdRequest.class);
        privacy.erase(Require.uuid("contact_id", request.contactId()));
        ctx.status(202).json(Map.of());
    }
}
