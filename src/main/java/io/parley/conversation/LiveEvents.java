package io.parley.conversation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;

/** Typing, read and conversation-change events (destinations per the contract). */
public final class LiveEvents {
    public static final String TYPING_DESTINATION = "/queue/typing";
    public static final String READ_DESTINATION = "/queue/read";

    private LiveEvents() {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Sender(String id, String type, String name) {}

    /** What the system API token types and sends as. */
    static final Sender OPERATOR = new Sender("operator", "operator", "Operator");

    public record TypingToOperator(UUID conversationId, UUID channelId, Sender sender, String expiresAt) {}

    public record TypingToVisitor(Sender sender, String expiresAt) {}

    public record ReadToOperator(UUID conversationId, String reader, String readAt) {}

    public record ReadToVisitor(String reader, String readAt) {}
}
