package io.parley.channel;

import io.javalin.http.Context;
import io.parley.json.Json;
import io.parley.web.Require;
import java.util.Map;

public final class ChannelController {
    private final ChannelService channels;

    public ChannelController(ChannelService channels) {
        this.channels = channels;
    }

    public void connect(Context ctx) {
        var result = channels.connect(Json.read(ctx.bodyAsBytes(), ConnectChannelRequest.class));
        ctx.status(result.created() ? 200 : 202).json(result.channel());
    }

    public void list(Context ctx) {
        Json.read(ctx.bodyAsBytes(), Map.class); // takes no fields, but a broken body is still a 400
        ctx.json(Map.of("data", channels.listConnected()));
    }

    public void info(Context ctx) {
        var request = Json.read(ctx.bodyAsBytes(), ChannelIdRequest.class);
        ctx.json(channels.info(Require.uuid("channel_id", request.channelId())));
    }

    public void update(Context ctx) {
        var request = Json.read(ctx.bodyAsBytes(), UpdateChannelRequest.class);
        ctx.json(channels.update(request, Require.uuid("channel_id", request.channelId())));
    }

    public void disconnect(Context ctx) {
        var request = Json.read(ctx.bodyAsBytes(), ChannelIdRequest.class);
        channels.disconnect(Require.uuid("channel_id", request.channelId()));
        ctx.status(202).json(Map.of());
    }
}
