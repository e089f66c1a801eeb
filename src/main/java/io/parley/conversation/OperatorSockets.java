package io.parley.conversation;

import io.parley.auth.Tokens;
import io.parley.channel.ChannelService;
import io.parley.errors.Unauthorized;
import io.parley.fanout.Topic;
import io.parley.json.Json;
import io.parley.stomp.SocketPolicy;
import io.parley.web.Require;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who may open an operator socket ({@code /ws.communication}): the API token, as for the HTTP
 * endpoints. Operators hear every message, unread count, typing, read receipt, conversation and
 * channel change; they have no per-identity socket limit. They may SEND to /app/typing
 * with {@code {"conversation_id"}}.
 */
public final class OperatorSockets {
    public static final String TYPING = "/app/typing";

    private OperatorSockets() {}

    public static SocketPolicy policy(Tokens tokens, Typing typing) {
        return new SocketPolicy(
                "operator",
                (authorization, origin) -> {
                    String token = Tokens.bearer(authorization);
                    if (!tokens.isApiToken(token)) {
                        throw new Unauthorized(token == null ? "missing API token" : "invalid API token");
                    }
                    var throttle = new Typing.Throttle();
                    return new SocketPolicy.Admission(null, List.of(Topic.OPERATORS), Map.of(TYPING, body -> {
                        var request = Json.read(body, ConversationIdRequest.class);
                        typing.operatorTypes(Require.uuid("conversation_id", request.conversationId()), throttle);
                    }));
                },
                Set.of(
                        MessageEvents.MESSAGE_DESTINATION,
                        MessageEvents.UNREAD_DESTINATION,
                        LiveEvents.TYPING_DESTINATION,
                        LiveEvents.READ_DESTINATION,
                        LiveEvents.UPDATED_DESTINATION,
                        ChannelService.CONNECTED_DESTINATION,
                        ChannelService.DISCONNECTED_DESTINATION));
    }
}
