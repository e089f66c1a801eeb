package io.parley.conversation;

/** The body of {@code /messages.send}: an operator's reply in a conversation. */
public record SendMessageRequest(String conversationId, OutgoingMessage message, String clientMessageId) {}
