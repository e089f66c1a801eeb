package io.parley.chatplugin;

import io.javalin.http.Context;
import io.parley.auth.Access;
import io.parley.auth.VisitorClaims;
import io.parley.channel.ChannelIdRequest;
import io.parley.contact.UpdateContactRequest;
import io.parley.conversation.Draft;
import io.parley.json.Json;
import io.parley.web.Require;
import java.util.Map;
import java.util.UUID;

public final class ChatPluginController {
    private final ChatPluginService chat;

    public ChatPluginController(ChatPluginService chat) {
        this.chat = chat;
    }

    public void authenticate(Context ctx) {
        var request = Json.read(ctx.bodyAsBytes(), AuthenticateRequest.class);
        UUID channelId = Require.optionalUuid("channel_id", request.channelId());
        var caller = new ChatPluginService.Caller(
                ctx.header("Origin"), ctx.ip(), VisitorContext.of(request.context(), ctx.header("User-Agent")));
        if (request.userId() != null || request.userHash() != null) {
            ctx.json(chat.verifiedConversation(
                    Require.present("channel_id", channelId), request.userId(), request.userHash(), caller));
        } else if (request.resumeToken() != null) {
            ctx.json(chat.resumeConversation(request.resumeToken(), channelId, caller));
        } else {
            ctx.json(chat.startConversation(Require.present("channel_id", channelId), caller));
        }
    }

    /** The visitor for itself, or an operator (API token) on a visitor's behalf. */
    public void resumeToken(Context ctx) {
        var request = Json.read(ctx.bodyAsBytes(), ResumeTokenRequest.class);
        VisitorClaims visitor = Access.visitor(ctx);
        if (visitor != null) {
            ctx.json(new ResumeTokenResponse(chat.resumeTokenFor(visitor)));
            return;
        }
        ctx.json(new ResumeTokenResponse(chat.resumeTokenFor(
                Require.uuid("channel_id", request.channelId()),
                Require.uuid("conversation_id", request.conversationId()))));
    }

    public void send(Context ctx) {
        var request = Json.read(ctx.bodyAsBytes(), SendMessageRequest.class);
        Draft draft = Draft.fromVisitor(request.message(), request.clientMessageId());
        ctx.json(chat.send(Access.visitor(ctx), draft, caller(ctx)));
    }

    /** No token: the launcher asks before the visitor has one; shared caches may keep it 10 seconds. */
    public void config(Context ctx) {
        var request = Json.read(ctx.bodyAsBytes(), ChannelIdRequest.class);
        var config = chat.config(Require.uuid("channel_id", request.channelId()), caller(ctx));
        ctx.header("Cache-Control", "public, max-age=10").json(config);
    }

    public void updateContact(Context ctx) {
        var request = Json.read(ctx.bodyAsBytes(), UpdateContactRequest.class);
        ctx.json(chat.updateContact(Access.visitor(ctx), request, caller(ctx)));
    }

    public void read(Context ctx) {
        chat.read(Access.visitor(ctx), caller(ctx));
        ctx.status(202).json(Map.of());
    }

    private static ChatPluginService.Caller caller(Context ctx) {
        return new ChatPluginService.Caller(ctx.header("Origin"), ctx.ip());
    }
}
