package io.parley.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Request bodies of the operator's conversation and message endpoints. */
public final class ConversationRequests {
    private ConversationRequests() {}

    /** {@code page_size} stays a JSON node so that "20", 2.5 and 1e9 are each a clear 400. */
    public record ListConversations(Filter filter, String cursor, JsonNode pageSize) {}

    public record Filter(List<String> conversationIds, List<String> channelIds) {}

    public record ById(String conversationId) {}

    public record ListMessages(String conversationId, String cursor, JsonNode pageSize) {}

    public record SendMessage(String conversationId, OutgoingMessage message) {}

    public record OutgoingMessage(String text) {}
}
