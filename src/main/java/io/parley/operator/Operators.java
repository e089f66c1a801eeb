package io.parley.operator;

import io.parley.auth.OperatorTokens;
import io.parley.fanout.Fanout;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/** The operator feature as the rest of the server uses it, built once. */
public record Operators(OperatorService operators, AuthService auth, OperatorTokens tokens, Presence presence)
        implements AutoCloseable {

    public static Operators create(Jdbi jdbi, Fanout fanout, Clock clock) {
        Passwords passwords = new Passwords();
        TokenCache tokens = new TokenCache(jdbi.onDemand(OperatorDao.class), fanout, clock);
        Presence presence = new Presence(jdbi, fanout, clock);
        OperatorService operators = new OperatorService(jdbi, passwords, tokens, fanout, clock, presence);
        AuthService auth = new AuthService(jdbi, passwords, tokens, operators, fanout, clock);
        return new Operators(operators, auth, tokens, presence);
    }

    @Override
    public void close() {
        presence.close();
    }
}
