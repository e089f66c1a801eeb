package io.parley.chatplugin;

import io.parley.conversation.MessageView;
import java.util.List;

/** Request and response bodies of the visitor endpoints. */
public final class ChatPluginRequests {
    private ChatPluginRequests() {}

    public record Authenticate(String channelId, String resumeToken, String userId, String userHash) {}

    public record Authenticated(String token, List<MessageView> messages) {}

    /** With the API token only: on behalf of which visitor. */
    public record ResumeTokenFor(String channelId, String conversationId) {}

    public record ResumeToken(String resumeToken) {}

    public record Send(OutgoingMessage message) {}

    public record OutgoingMessage(String text) {}
}
