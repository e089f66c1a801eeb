package io.parley.webhook;

import java.util.Map;

/** The answer of subscribe and unsubscribe; {@code api_secret} signs the deliveries. */
public record SubscriptionResponse(String url, Map<String, String> headers, String status, String apiSecret) {
    public static final String SUBSCRIBED = "Subscribed";
    public static final String UNSUBSCRIBED = "Unsubscribed";
}
