package io.parley.fanout;

import java.util.UUID;

/** Who an event is for: the sockets of one conversation, of one channel, or all operators. */
public record Topic(String name) {
    public static final Topic OPERATORS = new Topic("operators");

    public static Topic conversation(UUID conversationId) {
        return new Topic("conversation:" + conversationId);
    }

    public static Topic channel(UUID channelId) {
        return new Topic("channel:" + channelId);
    }
}
