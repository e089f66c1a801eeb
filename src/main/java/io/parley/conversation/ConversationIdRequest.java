package io.parley.conversation;

/** The body of {@code /conversations.info} and {@code /conversations.read}. */
public record ConversationIdRequest(String conversationId) {}
