package io.parley;

import io.parley.auth.Tokens;
import io.parley.channel.ChannelService;
import io.parley.chatplugin.ChatPluginService;
import io.parley.conversation.MessageEvents;
import io.parley.conversation.MessageService;
import io.parley.fanout.Fanout;
import io.parley.fanout.Topic;
import io.parley.stomp.SocketPolicy;
import io.parley.stomp.StompEndpoint;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/** The object graph: every service built once, in dependency order. */
public record Services(
        Tokens tokens,
        Fanout fanout,
        ChannelService channels,
        MessageService messages,
        ChatPluginService chatPlugin,
        StompEndpoint visitorSockets,
        StompEndpoint operatorSockets) implements AutoCloseable {

    static Services create(Jdbi jdbi, Tokens tokens, Fanout fanout, Clock clock) {
        ChannelService channels = new ChannelService(jdbi, fanout, clock);
        MessageService messages = new MessageService(jdbi, channels, fanout, clock);
        ChatPluginService chatPlugin = new ChatPluginService(tokens, channels, messages, jdbi);
        return new Services(tokens, fanout, channels, messages, chatPlugin,
                new StompEndpoint(visitorPolicy(tokens, channels), fanout),
                new StompEndpoint(operatorPolicy(tokens), fanout));
    }

    private static SocketPolicy visitorPolicy(Tokens tokens, ChannelService channels) {
        return new SocketPolicy("visitor", token -> {
            var visitor = tokens.verify(Tokens.Kind.VISITOR, token);
            channels.connected(visitor.channelId());
            return List.of(Topic.conversation(visitor.conversationId()), Topic.channel(visitor.channelId()));
        }, Set.of(MessageEvents.MESSAGE_DESTINATION));
    }

    private static SocketPolicy operatorPolicy(Tokens tokens) {
        return new SocketPolicy("operator", token -> {
            if (!tokens.isApiToken(token)) {
                throw io.parley.web.ApiException.unauthorized(token == null ? "missing API token" : "invalid API token");
            }
            return List.of(Topic.OPERATORS);
        }, Set.of(MessageEvents.MESSAGE_DESTINATION, MessageEvents.UNREAD_DESTINATION,
                "/queue/channel/connected", "/queue/channel/disconnected"));
    }

    void closeSockets(String reason) {
        visitorSockets.closeAll(reason);
        operatorSockets.closeAll(reason);
    }

    @Override
    public void close() {
        visitorSockets.close();
        operatorSockets.close();
    }
}
