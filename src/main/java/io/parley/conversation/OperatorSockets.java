package io.parley.conversation;

import io.parley.auth.Tokens;
import io.parley.channel.ChannelService;
import io.parley.errors.Unauthorized;
import io.parley.fanout.Topic;
import io.parley.stomp.SocketPolicy;
import java.util.List;
import java.util.Set;

/**
 * Who may open an operator socket ({@code /ws.communication}): the API token, as for the HTTP
 * endpoints. Operators hear every message, unread count and channel change; they have no
 * per-identity socket limit.
 */
public final class OperatorSockets {
    private OperatorSockets() {}

    public static SocketPolicy policy(Tokens tokens) {
        return new SocketPolicy(
                "operator",
                (authorization, origin) -> {
                    String token = Tokens.bearer(authorization);
                    if (!tokens.isApiToken(token)) {
                        throw new Unauthorized(token == null ? "missing API token" : "invalid API token");
                    }
                    return new SocketPolicy.Admission(null, List.of(Topic.OPERATORS));
                },
                Set.of(
                        MessageEvents.MESSAGE_DESTINATION,
                        MessageEvents.UNREAD_DESTINATION,
                        ChannelService.CONNECTED_DESTINATION,
                        ChannelService.DISCONNECTED_DESTINATION));
    }
}
