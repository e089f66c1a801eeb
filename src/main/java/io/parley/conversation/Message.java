package io.parley.conversation;

import java.util.UUID;

/** A stored message. {@code seq} orders all messages of the server; cursors are built on it. */
public record Message(
        long seq,
        UUID id,
        UUID conversationId,
        boolean fromContact,
        String senderId,
        String content,
        String state,
        long sentAtMs) {

    public static final String DELIVERED = "DELIVERED";
    public static final String OPERATOR_SENDER = "operator";
}
