package io.parley.conversation;

/** A suggested answer an operator or bot offers; the visitor's choice comes back as a postback. */
public record QuickReply(String title, String payload) {}
