package io.parley.conversation;

import com.fasterxml.jackson.databind.JsonNode;

/** The body of {@code /messages.list}; {@code page_size} as in {@link ListConversationsRequest}. */
public record ListMessagesRequest(String conversationId, String cursor, JsonNode pageSize) {}
