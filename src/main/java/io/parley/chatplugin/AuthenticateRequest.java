package io.parley.chatplugin;

/** The body of {@code /chatplugin.authenticate}: a channel, a resume token, or a verified user; and where the visitor is. */
public record AuthenticateRequest(
        String channelId, String resumeToken, String userId, String userHash, ContextRequest context) {}
