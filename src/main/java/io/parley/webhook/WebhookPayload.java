package io.parley.webhook;

import io.parley.channel.Channel;
import io.parley.conversation.Attachment;
import io.parley.conversation.Message;
import io.parley.conversation.Postback;
import io.parley.conversation.QuickReply;
import io.parley.conversation.SenderType;
import io.parley.json.Times;
import java.util.List;
import java.util.UUID;

/**
 * The body POSTed to the webhook for every message, in the contract's field order; the rich parts
 * are left out when the message has none. {@code text} is the file name for a file sent alone.
 */
public record WebhookPayload(
        UUID conversationId,
        UUID channelId,
        UUID id,
        Sender sender,
        boolean fromContact,
        String source,
        String sentAt,
        String text,
        Attachment attachment,
        List<QuickReply> quickReplies,
        Postback postback,
        String clientMessageId) {

    public record Sender(String id, SenderType type) {}

    public static WebhookPayload of(UUID channelId, Message m) {
        return new WebhookPayload(
                m.conversationId(),
                channelId,
                m.id(),
                new Sender(m.senderId(), m.senderType()),
                m.fromContact(),
                Channel.SOURCE,
                Times.iso(m.sentAtMs()),
                m.displayText(),
                m.attachment(),
                m.quickReplies().isEmpty() ? null : m.quickReplies(),
                m.postback(),
                m.clientMessageId());
    }
}
