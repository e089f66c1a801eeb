package io.parley.chatplugin;

/** The body of {@code /chatplugin.resumeToken} with the API token only: on behalf of which visitor. */
public record ResumeTokenRequest(String channelId, String conversationId) {}
