package io.parley.conversation;

import io.javalin.http.Context;
import io.parley.auth.Access;
import io.parley.json.Json;
import io.parley.web.Require;
import java.util.Map;
import java.util.UUID;

public final class ConversationController {
    private final ConversationService conversations;
    private final InboxService inbox;
    private final Typing typing;

    public ConversationController(ConversationService conversations, InboxService inbox, Typing typing) {
        this.conversations = conversations;
        this.inbox = inbox;
        this.typing = typing;
    }

    /** Bots type over HTTP: relayed to the visitor like an operator socket's /app/typing. */
    public void typing(Context ctx) {
        var request = Json.read(ctx.bodyAsBytes(), ConversationIdRequest.class);
        typing.operatorTypes(Require.uuid("conversation_id", request.conversationId()), Access.caller(ctx));
        ctx.status(202).json(Map.of());
    }

    public void setState(Context ctx) {
        var request = Json.read(ctx.bodyAsBytes(), SetStateRequest.class);
        UUID id = Require.uuid("conversation_id", request.conversationId());
        ctx.json(inbox.setState(id, Require.present("state", request.state()), request.snoozedUntil()));
    }

    public void assign(Context ctx) {
        var request = Json.read(ctx.bodyAsBytes(), AssignRequest.class);
        UUID id = Require.uuid("conversation_id", request.conversationId());
        ctx.json(inbox.assign(id, Require.optionalUuid("assignee_id", request.assigneeId())));
    }

    public void list(Context ctx) {
        var request = Json.read(ctx.bodyAsBytes(), ListConversationsRequest.class);
        var caller = Access.caller(ctx);
        var filter = request.filter() == null
                ? ConversationFilter.NONE
                : ConversationFilter.of(request.filter(), caller == null ? null : caller.operatorId());
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
