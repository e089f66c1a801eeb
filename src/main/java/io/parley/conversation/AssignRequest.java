package io.parley.conversation;

public record AssignRequest(String conversationId, String assigneeId) {}
