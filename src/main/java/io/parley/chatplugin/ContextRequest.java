package io.parley.chatplugin;

/** {@code context} of {@code /chatplugin.authenticate}: where the visitor is; every field optional. */
public record ContextRequest(String pageUrl, String referrer, String locale, String timeZone) {}
