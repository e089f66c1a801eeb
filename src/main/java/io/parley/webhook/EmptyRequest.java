package io.parley.webhook;

/** The body of unsubscribe and info: nothing, but it must still be JSON. */
public record EmptyRequest() {}
