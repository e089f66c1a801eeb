package io.parley.conversation;

import java.util.UUID;

/** Who sends a message, as stored with it; {@link SenderDirectory} turns it into what readers see. */
public record SenderRef(String id, SenderType type) {
    /** The system API token: one shared operator, as the contract names it. */
    public static final SenderRef SYSTEM_OPERATOR = new SenderRef("operator", SenderType.OPERATOR);

    public static SenderRef contact(UUID contactId) {
        return new SenderRef(contactId.toString(), SenderType.CONTACT);
    }
}
