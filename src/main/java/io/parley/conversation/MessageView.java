package io.parley.conversation;

import io.parley.json.Times;
import java.util.UUID;

/**
 * A message as one side of the chat sees it. {@code alignment} is from the reader's side: the
 * visitor sees its own messages RIGHT, operators see contact messages LEFT.
 */
public record MessageView(
        UUID id,
        String content,
        String state,
        String alignment,
        String sentAt,
        UUID conversationId,
        boolean fromContact,
        Sender sender) {

    public record Sender(String id) {}

    public static MessageView forVisitor(Message m) {
        return of(m, m.fromContact() ? "RIGHT" : "LEFT");
    }

    public static MessageView forOperator(Message m) {
        return of(m, m.fromContact() ? "LEFT" : "RIGHT");
    }

    private static MessageView of(Message m, String alignment) {
        return new MessageView(
                m.id(),
                m.content(),
                m.state(),
                alignment,
                Times.iso(m.sentAtMs()),
                m.conversationId(),
                m.fromContact(),
                new Sender(m.senderId()));
    }
}
