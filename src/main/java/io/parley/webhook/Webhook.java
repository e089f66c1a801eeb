package io.parley.webhook;

/** The stored subscription; {@code headers} is a JSON object of strings. */
public record Webhook(String url, String headers, String apiSecret, boolean subscribed) {}
