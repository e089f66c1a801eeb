package io.parley.operator;

import io.parley.auth.Access;
import java.util.UUID;

/** A stored operator row. {@code role} is "admin", "agent" or "bot". */
public record Operator(
        UUID id,
        String email,
        String name,
        String role,
        String avatarUrl,
        String passwordHash,
        boolean disabled,
        String availability,
        long createdAtMs,
        boolean emailNotifications) {
    public static final String ADMIN = "admin";
    public static final String AGENT = "agent";
    public static final String BOT = "bot";

    public boolean isBot() {
        return BOT.equals(role);
    }

    public Access access() {
        return accessOf(role);
    }

    static Access accessOf(String role) {
        return switch (role) {
            case ADMIN -> Access.ADMIN;
            case AGENT -> Access.AGENT;
            default -> Access.BOT;
        };
    }
}
