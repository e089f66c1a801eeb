package io.parley.conversation;

import java.util.UUID;

/** Payloads pushed to sockets after a message is committed (destinations per the contract). */
public final class MessageEvents {
    public static final String MESSAGE_DESTINATION = "/queue/message";
    public static final String UNREAD_DESTINATION = "/queue/unread-count";

    private MessageEvents() {}

    public record ToVisitor(MessageView message) {}

    public record ToOperator(UUID conversationId, UUID channelId, MessageView message) {}

    public record UnreadCount(UUID conversationId, int unreadMessageCount, String timestamp) {}
}
