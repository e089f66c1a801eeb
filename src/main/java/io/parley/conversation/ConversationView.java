package io.parley.conversation;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.parley.channel.Channel;
import io.parley.json.Times;
import java.util.UUID;

/** A conversation as the operator API shows it. */
public record ConversationView(
        UUID id,
        ChannelRef channel,
        String createdAt,
        Contact contact,
        MessageView lastMessage,
        int unreadMessageCount) {

    public record ChannelRef(UUID id, String name) {
        @JsonProperty("source")
        public String source() {
            return Channel.SOURCE;
        }
    }

    public record Contact(UUID id) {}

    static ConversationView of(Conversation c, MessageViews views) {
        return new ConversationView(
                c.id(),
                new ChannelRef(c.channelId(), c.channelName()),
                Times.iso(c.createdAtMs()),
                new Contact(c.contactId()),
                views.forOperator(c.lastMessage()),
                c.unreadMessageCount());
    }
}
