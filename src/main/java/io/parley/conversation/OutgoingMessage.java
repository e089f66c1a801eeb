package io.parley.conversation;

/** A message as a sender writes it, visitor or operator: {@code {"text": ...}}. */
public record OutgoingMessage(String text) {}
