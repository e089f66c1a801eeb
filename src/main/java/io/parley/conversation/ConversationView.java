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
        @JsonInclude(JsonInclude.Include.ALWAYS) String contactLastReadAt,
        @JsonInclude(JsonInclude.Include.ALWAYS) String operatorLastReadAt) {

    public record ChannelRef(UUID id, String name) {
        @JsonProperty("source")
        public String source() {
            return Channel.SOURCE;
        }
    }

    static ConversationView of(Conversation c, MessageViews views) {
        return new ConversationView(
                c.id(),
                new ChannelRef(c.channelId(), c.channelName()),
                Times.iso(c.createdAtMs()),
                c.contact(),
                c.context(),
                views.forOperator(c.lastMessage()),
                c.unreadMessageCount(),
                c.contactLastReadAtMs() == null ? null : Times.iso(c.contactLastReadAtMs()),
                c.operatorLastReadAtMs() == null ? null : Times.iso(c.operatorLastReadAtMs()));
    }
}
