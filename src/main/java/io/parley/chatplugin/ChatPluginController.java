package io.parley.chatplugin;

import io.javalin.http.Context;
import io.parley.auth.Access;
import io.parley.auth.VisitorClaims;
import io.parley.conversation.Draft;
import io.parley.json.Json;
import io.parley.web.Require;
import java.util.UUID;

public final class ChatPluginController {
    private final ChatPluginService chat;

    public ChatPluginController(ChatPluginService chat) {
        this.chat = chat;
    }

    public void authenticate(Context ctx) {
        var request = Json.read(ctx.bodyAsBytes(), AuthenticateRequest.class);
        UUID channelId = Require.optionalUuid("channel_id", request.channelId());
        if (request.userId() != null || request.userHash() != null) {
            ctx.json(chat.verifiedConversation(
                    Require.present("channel_id", channelId), request.userId(), request.userHash(), caller(ctx)));
        } else if (request.resumeToken() != null) {
            ctx.json(chat.resumeConversation(request.resumeToken(), channelId, caller(ctx)));
        } else {
            ctx.json(chat.startConversation(Require.present("channel_id", channelId), caller(ctx)));
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

    private static ChatPluginService.Caller caller(Context ctx) {
        return new ChatPluginService.Caller(ctx.header("Origin"), ctx.ip());
    }
}
