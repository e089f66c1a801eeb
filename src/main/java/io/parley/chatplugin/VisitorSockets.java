package io.parley.chatplugin;

import io.parley.auth.Tokens;
import io.parley.channel.ChannelService;
import io.parley.conversation.MessageEvents;
import io.parley.fanout.Topic;
import io.parley.stomp.SocketPolicy;
import java.util.List;
import java.util.Set;

/**
 * Who may open a visitor socket ({@code /ws.chatplugin}): a valid visitor token for a channel
 * visitable from the page's origin, the same check as the HTTP endpoints. A visitor hears its own
 * conversation and its channel's events, each socket counted against the per-visitor limit.
 */
public final class VisitorSockets {
    private VisitorSockets() {}

    public static SocketPolicy policy(Tokens tokens, ChannelService channels) {
        return new SocketPolicy(
                "visitor",
                (authorization, origin) -> {
                    var visitor = tokens.verify(Tokens.Kind.VISITOR, Tokens.bearer(authorization));
                    channels.visitable(visitor.channelId(), origin);
                    return new SocketPolicy.Admission(
                            "visitor:" + visitor.contactId(),
                            List.of(Topic.conversation(visitor.conversationId()), Topic.channel(visitor.channelId())));
                },
                Set.of(MessageEvents.MESSAGE_DESTINATION));
    }
}
