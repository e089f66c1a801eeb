package io.parley.conversation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.parley.channel.Channel;
import io.parley.contact.Contact;
import io.parley.json.Times;
import java.util.UUID;

/** A conversation as the operator API shows it. */
public record ConversationView(
        UUID id,
        ChannelRef channel,
        String createdAt,
        Contact contact,
        ConversationContext context,
        MessageView lastMessage,
        int unreadMessageCount,
        String state,
        @JsonInclude(JsonInclude.Include.ALWAYS) String snoozedUntil,
        @JsonInclude(JsonInclude.Include.ALWAYS) Assignee assignee,
        @JsonInclude(JsonInclude.Include.ALWAYS) String contactLastReadAt,
        @JsonInclude(JsonInclude.Include.ALWAYS) String operatorLastReadAt) {

    public record ChannelRef(UUID id, String name) {
        @JsonProperty("source")
        public String source() {
            return Channel.SOURCE;
        }
    }

    public record Assignee(UUID id, String name) {}

    /** A snooze whose time has come reads as OPEN at once, before the waking job has run. */
    static ConversationView of(Conversation c, MessageViews views, long nowMs) {
        boolean awake =
                Conversation.SNOOZED.equals(c.state()) && c.snoozedUntilMs() != null && c.snoozedUntilMs() <= nowMs;
        return new ConversationView(
                c.id(),
                new ChannelRef(c.channelId(), c.channelName()),
                Times.iso(c.createdAtMs()),
                c.contact(),
                c.context(),
                views.forOperator(c.lastMessage()),
                c.unreadMessageCount(),
                awake ? Conversation.OPEN : c.state(),
                awake || c.snoozedUntilMs() == null ? null : Times.iso(c.snoozedUntilMs()),
                c.assigneeId() == null ? null : new Assignee(c.assigneeId(), c.assigneeName()),
                c.contactLastReadAtMs() == null ? null : Times.iso(c.contactLastReadAtMs()),
                c.operatorLastReadAtMs() == null ? null : Times.iso(c.operatorLastReadAtMs()));
    }
}
