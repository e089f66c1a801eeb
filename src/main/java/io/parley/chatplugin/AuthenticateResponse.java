package io.parley.chatplugin;

import io.parley.conversation.MessageView;
import java.util.List;

/** A visitor token and the conversation's messages so far (none for a new conversation). */
public record AuthenticateResponse(String token, List<MessageView> messages) {}
