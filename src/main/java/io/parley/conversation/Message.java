package io.parley.conversation;

import java.util.List;
import java.util.UUID;

/**
 * A stored message. {@code seq} orders all messages of the server; cursors are built on it.
 * {@code content} is the text as sent, empty for a message that is only an attachment.
 */
public record Message(
        long seq,
        UUID id,
        UUID conversationId,
        boolean fromContact,
        String senderId,
        String content,
        String state,
        long sentAtMs,
        SenderType senderType,
        Attachment attachment,
        List<QuickReply> quickReplies,
        Postback postback,
        String clientMessageId) {

    public static final String DELIVERED = "DELIVERED";
    public static final String OPERATOR_SENDER = SenderRef.SYSTEM_OPERATOR.id();

    /** The text, or for a message that is only a file the file's name: what a plain-text reader shows. */
    public String displayText() {
        return content.isEmpty() && attachment != null ? attachment.displayName() : content;
    }

    Message withSeq(long newSeq) {
        return new Message(
                newSeq,
                id,
                conversationId,
                fromContact,
                senderId,
                content,
                state,
                sentAtMs,
                senderType,
                attachment,
                quickReplies,
                postback,
                clientMessageId);
    }
}
