package io.parley.conversation;

import java.util.List;
import java.util.UUID;

/** The people conversations may be assigned to, as the operator feature knows them. */
public interface Assignees {
    /** True for an enabled person (admin or agent); false for unknown, disabled operators and bots. */
    boolean isAssignable(UUID operatorId);

    /** People online now, on any node. */
    List<UUID> onlinePeople();
}
