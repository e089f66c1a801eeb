package io.parley.privacy;

import java.util.Collection;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * What another feature keeps about a contact or conversation and erases with it, inside the
 * erasing transaction (files on disk are removed after commit, through {@code tx.afterCommit}).
 */
public interface ErasureHook {
    default void conversationsErased(Handle tx, Collection<UUID> conversationIds) {}

    default void contactErased(Handle tx, UUID contactId) {}
}
