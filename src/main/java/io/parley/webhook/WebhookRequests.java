package io.parley.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Request and response bodies of the webhook endpoints. */
public final class WebhookRequests {
    public static final String SUBSCRIBED = "Subscribed";
    public static final String UNSUBSCRIBED = "Unsubscribed";

    private WebhookRequests() {}

    /** The body of unsubscribe and info: nothing, but it must still be JSON. */
    public record None() {}

    public record Subscribe(String url, Map<String, String> headers) {}

    public record Subscription(String url, Map<String, String> headers, String status, String apiSecret) {}

    /** {@code url} is null (and shown as null) when no webhook was ever subscribed. */
    public record Info(
            String status,
            @JsonInclude(JsonInclude.Include.ALWAYS) String url,
            Map<String, String> headers,
            Delivery delivery) {}

    /** Events not yet delivered (retrying ones included), events given up on, and the latest errors. */
    public record Delivery(long pending, long failed, List<DeliveryError> recentErrors) {}

    public record DeliveryError(
            UUID eventId, UUID conversationId, String status, int attempts, String lastError, String lastErrorAt) {}
}
