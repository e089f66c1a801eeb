package io.parley.privacy;

/** The body of {@code /contacts.export} and {@code /contacts.delete}. */
public record ContactIdRequest(String contactId) {}
