package io.parley.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The answer of {@code /webhooks.info}; {@code url} is null (and shown as null) when no webhook was ever subscribed. */
public record WebhookInfoResponse(
        String status,
        @JsonInclude(JsonInclude.Include.ALWAYS) String url,
        Map<String, String> headers,
        Delivery delivery) {

    /** Events not yet delivered (retrying ones included), events given up on, and the latest errors. */
    public record Delivery(long pending, long failed, List<DeliveryError> recentErrors) {}

    public record DeliveryError(
            UUID eventId, UUID conversationId, String status, int attempts, String lastError, String lastErrorAt) {}
}
