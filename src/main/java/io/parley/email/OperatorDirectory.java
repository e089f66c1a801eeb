package io.parley.email;

import java.util.List;
import java.util.UUID;

/**
 * Who hears about a waiting visitor: the conversation's assignee if it is offline, or, unassigned,
 * every agent who is offline; only people with an email who have not turned notifications off.
 * The team inbox (operators, presence, assignment) provides it; until it is wired there is nobody.
 */
@FunctionalInterface
public interface OperatorDirectory {
    OperatorDirectory NOBODY = conversationId -> List.of();

    List<String> offlineRecipients(UUID conversationId);
}
