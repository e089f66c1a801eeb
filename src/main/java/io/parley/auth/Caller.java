package io.parley.auth;

import io.parley.fanout.Topic;
import java.util.UUID;

/**
 * Who made an operator request or opened an operator socket: the system API token (an admin
 * with no operator row), a signed-in person, or a bot. {@code operatorId} is null for the
 * system token; {@code tokenHash} names the session or bot token, so that signing out can end
 * exactly the sockets opened with it.
 */
public record Caller(Access role, UUID operatorId, String tokenHash) {
    public static final Caller SYSTEM = new Caller(Access.ADMIN, null, null);

    /** The sockets of one operator: ended when it is disabled. */
    public static Topic operatorTopic(UUID operatorId) {
        return new Topic("operator:" + operatorId);
    }

    /** The sockets opened with one token: ended when it is signed out. */
    public static Topic tokenTopic(String tokenHash) {
        return new Topic("token:" + tokenHash);
    }

    public boolean isSystem() {
        return operatorId == null;
    }

    /** People (admins and agents) count as online and take assignments; the system token and bots never do. */
    public boolean isPerson() {
        return operatorId != null && role != Access.BOT;
    }
}
