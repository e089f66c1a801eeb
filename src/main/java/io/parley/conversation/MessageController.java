package io.parley.conversation;

import io.javalin.http.Context;
import io.parley.auth.Access;
import io.parley.auth.Caller;
import io.parley.json.Json;
import io.parley.web.Require;

/** The operator's side of messages; visitors write through /chatplugin.send. */
public final class MessageController {
    private final ConversationService conversations;
    private final MessageService messages;

    public MessageController(ConversationService conversations, MessageService messages) {
        this.conversations = conversations;
        this.messages = messages;
    }

    public void list(Context ctx) {
        var request = Json.read(ctx.bodyAsBytes(), ListMessagesRequest.class);
        ctx.json(conversations.messages(
                Require.uuid("conversation_id", request.conversationId()),
                Cursor.parse(Cursor.MESSAGES, request.cursor()),
                Page.size(request.pageSize())));
    }

    /** The API token sends as the system operator; people and bots as themselves, by operator id. */
    public void send(Context ctx) {
        var request = Json.read(ctx.bodyAsBytes(), SendMessageRequest.class);
        var conversationId = Require.uuid("conversation_id", request.conversationId());
        Draft draft = Draft.fromTeam(request.message(), request.clientMessageId());
        ctx.json(
                messages.views().forOperator(messages.sendFromTeam(conversationId, sender(Access.caller(ctx)), draft)));
    }

    static SenderRef sender(Caller caller) {
        if (caller == null || caller.isSystem()) {
            return SenderRef.SYSTEM_OPERATOR;
        }
        SenderType type = caller.role() == Access.BOT ? SenderType.BOT : SenderType.OPERATOR;
        return new SenderRef(caller.operatorId().toString(), type);
    }
}
