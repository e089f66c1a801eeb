package io.parley.conversation;

/** The payload of the quick reply a visitor chose. */
public record Postback(String payload) {}
