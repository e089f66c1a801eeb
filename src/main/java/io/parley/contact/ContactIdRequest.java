package io.parley.contact;

public record ContactIdRequest(String contactId) {}
