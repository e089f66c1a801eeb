package io.parley.auth;

import java.util.UUID;

/** Whether a contact was erased, so that its visitor tokens are refused (see {@link ErasedContacts}). */
@FunctionalInterface
public interface ErasureCheck {
    boolean isErased(UUID contactId);

    /** A contact id was just made up for a new visitor: it cannot have been erased, and need not be looked up. */
    default void created(UUID contactId) {}
}
