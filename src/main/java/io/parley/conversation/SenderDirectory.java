package io.parley.conversation;

/**
 * Names and avatars of the people and bots who send messages. The team inbox (operators and bots)
 * plugs its own directory in; until then only the system API token's operator has a name.
 */
@FunctionalInterface
public interface SenderDirectory {
    Sender describe(String senderId, SenderType type);

    /** Knows the system operator ("Operator"); everyone else is shown by id and type. */
    static SenderDirectory systemOnly() {
        return (senderId, type) -> SenderRef.SYSTEM_OPERATOR.id().equals(senderId) && type == SenderType.OPERATOR
                ? new Sender(senderId, type, "Operator", null)
                : new Sender(senderId, type, null, null);
    }
}
