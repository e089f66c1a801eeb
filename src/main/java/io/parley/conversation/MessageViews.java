package io.parley.conversation;

import io.parley.channel.ContentFormat;
import io.parley.json.Json;
import io.parley.json.Times;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every shape a message is shown in: the operator view, and the visitor view in the channel's
 * {@code content_format}. The one place that knows how each Airy widget build reads a message.
 */
public final class MessageViews {
    private final SenderDirectory senders;

    public MessageViews(SenderDirectory senders) {
        this.senders = senders;
    }

    /** Operators see contact messages LEFT and their own RIGHT, whatever the channel's format. */
    public MessageView forOperator(Message m) {
        return text(m, m.fromContact() ? "LEFT" : "RIGHT");
    }

    /** What a visitor's API and socket return: one of the three record shapes. */
    public Object forVisitor(Message m, ContentFormat format) {
        String alignment = m.fromContact() ? "RIGHT" : "LEFT";
        return switch (format) {
            case TEXT -> text(m, alignment);
            case AIRY ->
                new AiryMessageView(
                        m.id(),
                        airyContent(m),
                        m.state(),
                        alignment,
                        Times.iso(m.sentAtMs()),
                        m.conversationId(),
                        m.fromContact(),
                        sender(m),
                        m.clientMessageId());
            case AIRY_2021 ->
                new Airy2021MessageView(
                        m.id(),
                        Json.write(airyContent(m)),
                        m.state(),
                        alignment,
                        Times.iso(m.sentAtMs()),
                        m.conversationId(),
                        m.fromContact(),
                        sender(m),
                        m.fromContact() ? Airy2021MessageView.SOURCE_CONTACT : Airy2021MessageView.SOURCE_USER,
                        m.state(),
                        m.clientMessageId());
        };
    }

    private MessageView text(Message m, String alignment) {
        return new MessageView(
                m.id(),
                m.displayText(),
                m.state(),
                alignment,
                Times.iso(m.sentAtMs()),
                m.conversationId(),
                m.fromContact(),
                sender(m),
                m.attachment(),
                m.quickReplies().isEmpty() ? null : m.quickReplies(),
                m.postback(),
                m.clientMessageId());
    }

    private Sender sender(Message m) {
        return senders.describe(m.senderId(), m.senderType());
    }

    /**
     * Airy's content object: {@code {"type":"text","text"}} for text, {@code {"attachment"}} for a
     * file (with the text too when both were sent), and the quick replies and postback inside it,
     * where Airy's renderer looks for them.
     */
    static Map<String, Object> airyContent(Message m) {
        Map<String, Object> content = new LinkedHashMap<>();
        if (!m.content().isEmpty()) {
            content.put("type", "text");
            content.put("text", m.content());
        }
        if (m.attachment() != null) {
            content.put("attachment", m.attachment());
        }
        List<QuickReply> replies = m.quickReplies();
        if (!replies.isEmpty()) {
            content.put("quick_replies", replies);
        }
        if (m.postback() != null) {
            content.put("postbackData", m.postback().payload());
        }
        return content;
    }
}
