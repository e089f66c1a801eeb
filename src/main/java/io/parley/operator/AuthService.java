package io.parley.operator;

import io.parley.auth.Access;
import io.parley.auth.Caller;
import io.parley.auth.Secrets;
import io.parley.auth.TokenHash;
import io.parley.errors.BadRequest;
import io.parley.errors.Conflict;
import io.parley.errors.TooManyRequests;
import io.parley.errors.Unauthorized;
import io.parley.fanout.Fanout;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Signing in and out. Failed sign-ins are counted in the database, per email, so the limit holds
 * whichever node a guess reaches. An unknown email and a wrong password give the same answer in
 * about the same time: a password hash is checked either way.
 */
public final class AuthService {
    public static final Duration SESSION_TTL = Duration.ofHours(12);
    static final int MAX_FAILURES = 10;
    static final Duration FAILURE_WINDOW = Duration.ofMinutes(15);
    private static final String WRONG = "wrong email or password";

    private final Jdbi jdbi;
    private final OperatorDao dao;
    private final Passwords passwords;
    private final TokenCache tokens;
    private final OperatorService operators;
    private final Fanout fanout;
    private final Clock clock;

    AuthService(
            Jdbi jdbi, Passwords passwords, TokenCache tokens, OperatorService operators, Fanout fanout, Clock clock) {
        this.jdbi = jdbi;
        this.dao = jdbi.onDemand(OperatorDao.class);
        this.passwords = passwords;
        this.tokens = tokens;
        this.operators = operators;
        this.fanout = fanout;
        this.clock = clock;
    }

    public LoginResponse login(LoginRequest request) {
        if (request.email() == null || request.password() == null) {
            throw new BadRequest("fields 'email' and 'password' are required");
        }
        String email = request.email().strip().toLowerCase(Locale.ROOT);
        String emailHash = TokenHash.of(email);
        refuseWhileLimited(emailHash);
        Optional<Operator> found = dao.findByEmail(email).filter(o -> !o.isBot());
        boolean ok = passwords.matches(
                request.password(), found.map(Operator::passwordHash).orElse(null));
        if (!ok || found.get().disabled()) {
            recordFailure(emailHash);
            throw new Unauthorized(WRONG);
        }
        dao.clearFailures(emailHash);
        return new LoginResponse(startSession(found.get()), OperatorView.of(found.get()));
    }

    private void refuseWhileLimited(String emailHash) {
        long now = clock.millis();
        long since = now - FAILURE_WINDOW.toMillis();
        if (dao.failuresSince(emailHash, since) >= MAX_FAILURES) {
            long retryAt = dao.oldestFailureSince(emailHash, since) + FAILURE_WINDOW.toMillis();
            throw new TooManyRequests(
                    "too many failed sign-ins for this email: wait, then try again", (retryAt - now + 999) / 1000);
        }
    }

    private void recordFailure(String emailHash) {
        long now = clock.millis();
        jdbi.useTransaction(handle -> {
            var tx = handle.attach(OperatorDao.class);
            tx.deleteFailuresBefore(now - FAILURE_WINDOW.toMillis());
            tx.insertFailure(emailHash, now);
        });
    }

    private String startSession(Operator operator) {
        String token = TokenCache.SESSION_PREFIX + Secrets.random(32);
        long now = clock.millis();
        dao.deleteExpiredSessions(now);
        dao.insertSession(TokenHash.of(token), operator.id(), now, now + SESSION_TTL.toMillis());
        return token;
    }

    /** Ends this session, and the sockets opened with it, on every node. */
    public void logout(Caller caller) {
        if (caller.isSystem() || caller.role() == Access.BOT) {
            throw new BadRequest("only a signed-in person can sign out: disable a bot to end its token");
        }
        dao.deleteSession(caller.tokenHash());
        tokens.revokeToken(caller.tokenHash());
        fanout.closeAll(Caller.tokenTopic(caller.tokenHash()), "signed out");
    }

    /** While no person exists, the inbox offers the first-run path instead of signing in. */
    public boolean needsSetup() {
        return dao.countPeople() == 0;
    }

    /** First run: while no person exists, the system API token creates the first admin, signed in at once. */
    public synchronized LoginResponse setup(CreateOperatorRequest request) {
        if (dao.countPeople() > 0) {
            throw new Conflict("Parley is set up already: sign in, or have an admin call /operators.create");
        }
        var admin = operators.create(new CreateOperatorRequest(
                request.email(), request.name(), Operator.ADMIN, request.password(), request.avatarUrl()));
        return new LoginResponse(startSession(operators.find(admin.id())), admin);
    }
}
