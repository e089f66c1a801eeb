package io.parley.auth;

import java.util.Optional;

/**
 * Looks up a session or bot token (the operator feature keeps them). Implementations must learn
 * of a revocation on every node within a second.
 */
public interface OperatorTokens {
    Optional<Caller> find(String token);
}
