package io.parley.webhook;

import io.parley.channel.Channel;
import io.parley.conversation.Message;
import io.parley.json.Times;
import java.util.UUID;

/** The body POSTed to the webhook for every message, in the contract's field order. */
public record WebhookPayload(
        UUID conversationId,
        UUID channelId,
        UUID id,
        Sender sender,
        boolean fromContact,
        String source,
        String sentAt,
        String text) {

    public record Sender(String id) {}

    public static WebhookPayload of(UUID channelId, Message m) {
        return new WebhookPayload(
                m.conversationId(),
                channelId,
                m.id(),
                new Sender(m.senderId()),
                m.fromContact(),
                Channel.SOURCE,
                Times.iso(m.sentAtMs()),
                m.content());
    }
}
