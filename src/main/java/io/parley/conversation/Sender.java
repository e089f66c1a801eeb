package io.parley.conversation;

/**
 * A message's sender as every API shows it. {@code name} and {@code avatarUrl} are left out when
 * unknown; an email is never part of it, since visitors see it too.
 */
public record Sender(String id, SenderType type, String name, String avatarUrl) {}
