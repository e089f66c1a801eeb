package io.parley.conversation;

import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Called inside the transaction that stores a message, after the message and its conversation
 * are written: whatever the listener writes through {@code tx} commits or rolls back with the
 * message. It must not do slow work; the webhook outbox only inserts a row here.
 */
@FunctionalInterface
public interface MessageStoredListener {
    MessageStoredListener NONE = (tx, channelId, message) -> { };

    void stored(Handle tx, UUID channelId, Message message);
}
