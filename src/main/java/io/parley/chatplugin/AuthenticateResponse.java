package io.parley.chatplugin;

import java.util.List;

/**
 * A visitor token and the conversation's messages so far (none for a new conversation), in the
 * channel's content format.
 */
public record AuthenticateResponse(String token, List<Object> messages) {}
