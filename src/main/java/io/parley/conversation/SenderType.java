package io.parley.conversation;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Who wrote a message: the visitor, a person of the team, a bot, or Parley itself. */
public enum SenderType {
    CONTACT,
    OPERATOR,
    BOT,
    SYSTEM;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** As stored in {@code messages.sender_type}, which only ever holds {@link #wire()} values. */
    static SenderType stored(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
