package io.parley.conversation;

import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Called inside the transaction that stores a batch of messages, after the messages and their
 * conversations are written: whatever the listener writes through {@code tx} commits or rolls
 * back with them. It must not do slow work; the webhook outbox only inserts rows here.
 */
@FunctionalInterface
public interface MessageStoredListener {

    /** A stored message and the channel its conversation belongs to. */
    record Stored(UUID channelId, Message message) {}

    void stored(Handle tx, List<Stored> messages);

    /** Both listeners in one transaction (e.g. the webhook outbox, and media claiming sent uploads). */
    default MessageStoredListener andThen(MessageStoredListener next) {
        return (tx, messages) -> {
            stored(tx, messages);
            next.stored(tx, messages);
        };
    }
}
