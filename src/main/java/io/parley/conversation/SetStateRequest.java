package io.parley.conversation;

public record SetStateRequest(String conversationId, String state, String snoozedUntil) {}
