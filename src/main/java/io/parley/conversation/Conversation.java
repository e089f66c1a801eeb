package io.parley.conversation;

import io.parley.contact.Contact;
import java.util.UUID;

/** A stored conversation with what an operator's list shows of it: its channel and its newest message. */
public record Conversation(
        UUID id,
        UUID channelId,
        String channelName,
        UUID contactId,
        long createdAtMs,
        int unreadMessageCount,
        Message lastMessage,
        String state,
        Long snoozedUntilMs,
        UUID assigneeId,
        String assigneeName,
        Contact contact,
        ConversationContext context,
        Long contactLastReadAtMs,
        Long operatorLastReadAtMs) {
    public static final String OPEN = "OPEN";
    public static final String SNOOZED = "SNOOZED";
    public static final String CLOSED = "CLOSED";

    /** The ordering key of "most recent activity first": the seq of the newest message. */
    public long activity() {
        return lastMessage.seq();
    }
}
