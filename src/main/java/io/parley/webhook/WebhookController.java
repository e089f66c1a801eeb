package io.parley.webhook;

import io.javalin.http.Context;
import io.parley.json.Json;

public final class WebhookController {
    private final WebhookService webhooks;

    public WebhookController(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    public void subscribe(Context ctx) {
        ctx.json(webhooks.subscribe(Json.read(ctx.bodyAsBytes(), SubscribeRequest.class)));
    }

    public void unsubscribe(Context ctx) {
        Json.read(ctx.bodyAsBytes(), EmptyRequest.class);
        ctx.json(webhooks.unsubscribe());
    }

    public void info(Context ctx) {
        Json.read(ctx.bodyAsBytes(), EmptyRequest.class);
        ctx.json(webhooks.info());
    }
}
