package io.parley.operator;

import io.parley.auth.OperatorTokens;
import io.parley.conversation.Assignees;
import io.parley.conversation.SenderDirectory;
import io.parley.fanout.Fanout;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
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

    /** Names and avatars on messages: people and bots as they are now; never an email. */
    public SenderDirectory senders() {
        return new SenderNames(operators);
    }

    /** For assigning conversations: enabled people, and who of them is online. */
    public Assignees assignees() {
        return new Assignees() {
            @Override
            public boolean isAssignable(UUID id) {
                return operators
                        .findOptional(id)
                        .filter(o -> !o.isBot() && !o.disabled())
                        .isPresent();
            }

            @Override
            public List<UUID> onlinePeople() {
                return presence.online();
            }
        };
    }

    /** The offline people to email about a waiting visitor (see {@link NotificationRecipients}). */
    public io.parley.email.OperatorDirectory notificationRecipients(Jdbi jdbi) {
        return new NotificationRecipients(jdbi, presence);
    }

    @Override
    public void close() {
        presence.close();
    }
}
