package io.parley.auth;

import java.util.UUID;

/** Who a visitor or resume token speaks for: one contact in one conversation of one channel. */
public record VisitorClaims(UUID channelId, UUID conversationId, UUID contactId) {}
