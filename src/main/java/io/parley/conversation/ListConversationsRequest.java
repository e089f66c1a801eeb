package io.parley.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The body of {@code /conversations.list}. {@code page_size} stays a JSON node so that "20", 2.5
 * and 1e9 are each a clear 400.
 */
public record ListConversationsRequest(Filter filter, String cursor, JsonNode pageSize) {
    public record Filter(
            List<String> conversationIds,
            List<String> channelIds,
            List<String> state,
            String assigneeId,
            String query) {}
}
