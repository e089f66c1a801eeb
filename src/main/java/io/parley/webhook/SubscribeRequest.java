package io.parley.webhook;

import java.util.Map;

/** The body of {@code /webhooks.subscribe}. */
public record SubscribeRequest(String url, Map<String, String> headers) {}
