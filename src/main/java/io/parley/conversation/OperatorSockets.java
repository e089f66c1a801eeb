package io.parley.conversation;

import io.parley.auth.Access;
import io.parley.auth.Caller;
import io.parley.auth.OperatorTokens;
import io.parley.auth.Tokens;
import io.parley.channel.ChannelService;
import io.parley.errors.Unauthorized;
import io.parley.fanout.Topic;
import io.parley.json.Json;
import io.parley.stomp.SocketPolicy;
import io.parley.web.Require;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Who may open an operator socket ({@code /ws.communication}): the system API token, a person's
 * session token or a bot's token, as for the HTTP endpoints. Operators hear every message, unread
 * count, typing, read receipt, conversation, channel and presence change; they have no per-identity socket limit. A signed-in
 * operator's socket also listens on its operator and token topics, so that signing out ends it
 * on every node. They may SEND to /app/typing with {@code {"conversation_id"}}.
 */
public final class OperatorSockets {
    public static final String TYPING = "/app/typing";

    private OperatorSockets() {}

    /** {@code opened}: told of each admitted socket, returns what to run when it closes (presence). */
    public static SocketPolicy policy(
            Tokens tokens,
            OperatorTokens operators,
            Function<Caller, Runnable> opened,
            Set<String> extra,
            Typing typing) {
        var destinations = new java.util.HashSet<>(Set.of(
                MessageEvents.MESSAGE_DESTINATION,
                MessageEvents.UNREAD_DESTINATION,
                ChannelService.CONNECTED_DESTINATION,
                ChannelService.DISCONNECTED_DESTINATION,
                LiveEvents.TYPING_DESTINATION,
                LiveEvents.READ_DESTINATION));
        destinations.addAll(extra);
        return new SocketPolicy(
                "operator",
                (authorization, origin) -> {
                    String token = Tokens.bearer(authorization);
                    Caller caller = Access.operator(tokens, operators, token);
                    if (caller == null) {
                        throw new Unauthorized(token == null ? "missing API token" : "invalid API token");
                    }
                    List<Topic> topics = new ArrayList<>(List.of(Topic.OPERATORS));
                    if (!caller.isSystem()) {
                        topics.add(Caller.operatorTopic(caller.operatorId()));
                        topics.add(Caller.tokenTopic(caller.tokenHash()));
                    }
                    var throttle = new Typing.Throttle();
                    return new SocketPolicy.Admission(null, topics, opened.apply(caller), Map.of(TYPING, body -> {
                        var request = Json.read(body, ConversationIdRequest.class);
                        typing.operatorTypes(
                                Require.uuid("conversation_id", request.conversationId()), throttle, caller);
                    }));
                },
                Set.copyOf(destinations));
    }
}
