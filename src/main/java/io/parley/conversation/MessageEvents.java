package io.parley.conversation;

import java.util.UUID;

/** Payloads pushed to sockets after a message is committed (destinations per the contract). */
public final class MessageEvents {
    public static final String MESSAGE_DESTINATION = "/queue/message";
    public static final String UNREAD_DESTINATION = "/queue/unread-count";

    private MessageEvents() {}

    /** {@code message} in the shape of the channel's content format (see {@link MessageViews}). */
    public record ToVisitor(Object message) {}

    public record ToOperator(UUID conversationId, UUID channelId, MessageView message) {}

    public record UnreadCount(UUID conversationId, int unreadMessageCount, String timestamp) {}
}
