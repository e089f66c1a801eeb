package io.parley.chatplugin;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A visitor token and the conversation's messages so far (none for a new conversation), in the
 * channel's content format; {@code operator_last_read_at} lets the widget show "Seen" again after a
 * reload (always present, null when never read or when the channel hides read receipts).
 */
public record AuthenticateResponse(
        String token,
        List<Object> messages,
        @JsonInclude(JsonInclude.Include.ALWAYS) String operatorLastReadAt) {}
