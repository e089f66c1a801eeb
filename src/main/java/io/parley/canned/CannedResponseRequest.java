package io.parley.canned;

/** The body of create (no id), update (id, either field) and delete (id only). */
public record CannedResponseRequest(String cannedResponseId, String shortCode, String text) {}
