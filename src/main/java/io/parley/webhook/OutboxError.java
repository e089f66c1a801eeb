package io.parley.webhook;

import java.util.UUID;

/** An event whose last delivery attempt failed: still retrying (PENDING) or given up on (FAILED). */
public record OutboxError(
        UUID eventId, UUID conversationId, String status, int attempts, String lastError, long updatedAtMs) {}
