package io.parley.chatplugin;

import io.parley.auth.Tokens;
import io.parley.auth.VisitorClaims;
import io.parley.channel.ChannelService;
import io.parley.conversation.ConversationService;
import io.parley.conversation.LiveEvents;
import io.parley.conversation.MessageEvents;
import io.parley.conversation.Typing;
import io.parley.fanout.Topic;
import io.parley.stomp.SocketPolicy;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who may open a visitor socket ({@code /ws.chatplugin}): a valid visitor token for a channel
 * visitable from the page's origin, the same check as the HTTP endpoints. A visitor hears its own
 * conversation and its channel's events, each socket counted against the per-visitor limit, and
 * may SEND to /app/typing (the body is ignored) and /app/read.
 */
public final class VisitorSockets {
    public static final String TYPING = "/app/typing";
    public static final String READ = "/app/read";

    private VisitorSockets() {}

    public static SocketPolicy policy(
            Tokens tokens, ChannelService channels, Typing typing, ConversationService conversations) {
        return new SocketPolicy(
                "visitor",
                (authorization, origin) -> {
                    var visitor = tokens.verify(Tokens.Kind.VISITOR, Tokens.bearer(authorization));
                    channels.visitable(visitor.channelId(), origin);
                    return new SocketPolicy.Admission(
                            "visitor:" + visitor.contactId(),
                            List.of(Topic.conversation(visitor.conversationId()), Topic.channel(visitor.channelId())),
                            null,
                            sends(visitor, typing, conversations));
                },
                Set.of(MessageEvents.MESSAGE_DESTINATION, LiveEvents.TYPING_DESTINATION, LiveEvents.READ_DESTINATION));
    }

    private static Map<String, SocketPolicy.Inbound> sends(
            VisitorClaims visitor, Typing typing, ConversationService conversations) {
        var throttle = new Typing.Throttle();
        return Map.of(
                TYPING, body -> typing.contactTypes(visitor, throttle),
                READ, body -> conversations.markReadByContact(visitor));
    }
}
