package io.parley.operator;

import io.parley.auth.Access;
import io.parley.auth.Caller;
import io.parley.auth.Secrets;
import io.parley.auth.TokenHash;
import io.parley.errors.BadRequest;
import io.parley.errors.Conflict;
import io.parley.errors.Forbidden;
import io.parley.errors.NotFound;
import io.parley.errors.Unauthorized;
import io.parley.fanout.Fanout;
import io.parley.web.Require;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** People and bots: creating, listing, updating. Operators are never deleted. */
public final class OperatorService {
    private final Jdbi jdbi;
    private final OperatorDao dao;
    private final Passwords passwords;
    private final TokenCache tokens;
    private final Fanout fanout;
    private final Clock clock;
    private final Presence presence;

    OperatorService(Jdbi jdbi, Passwords passwords, TokenCache tokens, Fanout fanout, Clock clock, Presence presence) {
        this.presence = presence;
        this.jdbi = jdbi;
        this.dao = jdbi.onDemand(OperatorDao.class);
        this.passwords = passwords;
        this.tokens = tokens;
        this.fanout = fanout;
        this.clock = clock;
    }

    public OperatorView create(CreateOperatorRequest request) {
        String role = Fields.role(request.role());
        boolean bot = Operator.BOT.equals(role);
        String email = bot && request.email() == null ? null : Fields.email(request.email());
        String name = Fields.name(request.name());
        String avatarUrl = Fields.avatarUrl(request.avatarUrl());
        String hash = bot ? null : passwords.hash(Passwords.valid("password", request.password()));
        if (bot && request.password() != null) {
            throw new BadRequest("field 'password' is for people: a bot signs in with its api_token");
        }
        String apiToken = bot ? TokenCache.BOT_PREFIX + Secrets.random(32) : null;
        var operator = new Operator(
                UUID.randomUUID(), email, name, role, avatarUrl, hash, false, "online", clock.millis(), true);
        insert(operator, apiToken == null ? null : TokenHash.of(apiToken));
        return OperatorView.withToken(operator, apiToken);
    }

    private void insert(Operator operator, String apiTokenHash) {
        if (operator.email() != null && dao.findByEmail(operator.email()).isPresent()) {
            throw usedEmail();
        }
        try {
            dao.insert(operator, apiTokenHash);
        } catch (UnableToExecuteStatementException raced) {
            if (operator.email() != null && dao.findByEmail(operator.email()).isPresent()) {
                throw usedEmail();
            }
            throw raced;
        }
    }

    public List<OperatorView> list() {
        return dao.list().stream().map(OperatorView::of).toList();
    }

    public OperatorView me(Caller caller) {
        return OperatorView.of(self(caller));
    }

    public OperatorView update(Caller caller, UpdateOperatorRequest request) {
        Operator target = find(Require.uuid("operator_id", request.operatorId()));
        boolean admin = caller.role() == Access.ADMIN;
        if (!admin && !target.id().equals(caller.operatorId())) {
            throw new Forbidden("only an admin may update another operator");
        }
        if (!admin && (request.role() != null || request.disabled() != null)) {
            throw new Forbidden("only an admin may change 'role' or 'disabled'");
        }
        Operator updated = applyChanges(caller, target, request);
        boolean wasOnline = !target.isBot() && presence.isOnline(target.id());
        dao.update(updated);
        signOutIfNeeded(target, updated);
        if (!target.isBot()) {
            presence.announce(target.id(), wasOnline);
        }
        return OperatorView.of(updated);
    }

    private Operator applyChanges(Caller caller, Operator o, UpdateOperatorRequest r) {
        String name = r.name() == null ? o.name() : Fields.name(r.name());
        String role = r.role() == null ? o.role() : Fields.role(r.role());
        if (o.isBot() != Operator.BOT.equals(role)) {
            throw new BadRequest("field 'role' cannot turn a person into a bot or a bot into a person");
        }
        String avatar = r.avatarUrl() == null ? o.avatarUrl() : Fields.avatarUrl(r.avatarUrl());
        String hash = o.passwordHash();
        if (r.password() != null) {
            if (o.isBot()) {
                throw new BadRequest("field 'password' is for people: a bot signs in with its api_token");
            }
            String password = Passwords.valid("password", r.password());
            boolean self = o.id().equals(caller.operatorId());
            if (self && !passwords.matches(r.currentPassword(), o.passwordHash())) {
                throw new BadRequest("field 'current_password' is missing or wrong");
            }
            hash = passwords.hash(password);
        }
        boolean disabled = r.disabled() == null ? o.disabled() : r.disabled();
        boolean notifications = r.emailNotifications() == null ? o.emailNotifications() : r.emailNotifications();
        return new Operator(
                o.id(),
                o.email(),
                name,
                role,
                avatar,
                hash,
                disabled,
                o.availability(),
                o.createdAtMs(),
                notifications);
    }

    /** Disabling ends every session and socket; a role change makes every node re-read the role. */
    private void signOutIfNeeded(Operator before, Operator after) {
        if (after.disabled() && !before.disabled()) {
            jdbi.useExtension(OperatorDao.class, d -> d.deleteSessions(after.id()));
            tokens.revokeOperator(after.id());
            fanout.closeAll(Caller.operatorTopic(after.id()), "signed out: this operator was disabled");
        } else if (!after.role().equals(before.role())) {
            tokens.revokeOperator(after.id());
        }
    }

    public OperatorView setAvailability(Caller caller, AvailabilityRequest request) {
        String availability = Fields.availability(request.availability());
        Operator o = self(caller);
        Operator updated = new Operator(
                o.id(),
                o.email(),
                o.name(),
                o.role(),
                o.avatarUrl(),
                o.passwordHash(),
                o.disabled(),
                availability,
                o.createdAtMs(),
                o.emailNotifications());
        boolean wasOnline = presence.isOnline(o.id());
        dao.update(updated);
        presence.announce(o.id(), wasOnline);
        return OperatorView.of(updated);
    }

    Operator self(Caller caller) {
        if (caller.isSystem()) {
            throw new BadRequest("the system API token is not an operator: sign in with /auth.login");
        }
        return dao.find(caller.operatorId()).orElseThrow(() -> new Unauthorized("invalid API token"));
    }

    public Optional<Operator> findOptional(UUID id) {
        return dao.find(id);
    }

    Operator find(UUID id) {
        return dao.find(id).orElseThrow(() -> new NotFound("operator not found"));
    }

    private static Conflict usedEmail() {
        return new Conflict("an operator with this email exists already");
    }
}
