package io.parley.conversation;

import io.javalin.http.Context;
import io.parley.json.Json;
import io.parley.web.Require;
import java.util.Map;

public final class ConversationController {
    private final ConversationService conversations;
    private final Typing typing;

    public ConversationController(ConversationService conversations, Typing typing) {
        this.conversations = conversations;
        this.typing = typing;
    }

    /** Bots type over HTTP: relayed to the visitor like an operator socket's /app/typing. */
    public void typing(Context ctx) {
        var request = Json.read(ctx.bodyAsBytes(), ConversationIdRequest.class);
        typing.operatorTypes(Require.uuid("conversation_id", request.conversationId()));
        ctx.status(202).json(Map.of());
    }

    public void list(Context ctx) {
        var request = Json.read(ctx.bodyAsBytes(), ListConversationsRequest.class);
        var filter = request.filter() == null
                ? ConversationFilter.NONE
                : ConversationFilter.of(
                        request.filter().conversationIds(), request.filter().channelIds());
        ctx.json(conversations.list(
                filter, Cursor.parse(Cursor.CONVERSATIONS, request.cursor()), Page.size(request.pageSize())));
    }

    public void info(Context ctx) {
        var request = Json.read(ctx.bodyAsBytes(), ConversationIdRequest.class);
        ctx.json(conversations.info(Require.uuid("conversation_id", request.conversationId())));
    }

    public void read(Context ctx) {
        var request = Json.read(ctx.bodyAsBytes(), ConversationIdRequest.class);
        conversations.markRead(Require.uuid("conversation_id", request.conversationId()));
        ctx.status(202).json(Map.of());
    }
}
