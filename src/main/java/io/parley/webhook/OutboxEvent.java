package io.parley.webhook;

import java.util.UUID;

/** An undelivered event as the dispatcher claims it; {@code body} is exactly what is sent and signed. */
public record OutboxEvent(long seq, UUID eventId, UUID conversationId, String body, int attempts) {}
