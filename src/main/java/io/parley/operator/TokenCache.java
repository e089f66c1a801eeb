package io.parley.operator;

import io.parley.auth.Caller;
import io.parley.auth.OperatorTokens;
import io.parley.auth.TokenHash;
import io.parley.fanout.Fanout;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every operator request checks its token, so valid tokens are kept in memory for a few seconds.
 * Signing out (logout, disabling, a role change) sends a control event through the fan-out that
 * drops the entries on every node at once; the short lifetime bounds the harm should one be lost.
 * Only valid tokens are kept, so made-up tokens cannot fill the cache.
 */
final class TokenCache implements OperatorTokens {
    static final String SESSION_PREFIX = "pss_";
    static final String BOT_PREFIX = "pbt_";
    static final String REVOKED = "operator.revoked";
    private static final long TTL_NANOS = TimeUnit.SECONDS.toNanos(5);

    private record Entry(Caller caller, long loadedAtNanos) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    /** Bumped by every revocation: a lookup that overlapped one does not store what it read. */
    private final AtomicLong generation = new AtomicLong();

    private final OperatorDao dao;
    private final Fanout fanout;
    private final Clock clock;

    TokenCache(OperatorDao dao, Fanout fanout, Clock clock) {
        this.dao = dao;
        this.fanout = fanout;
        this.clock = clock;
        fanout.onControl(REVOKED, new Fanout.ControlHandler() {
            @Override
            public void handle(String payload) {
                drop(payload);
            }

            @Override
            public void missed() {
                generation.incrementAndGet();
                entries.clear();
            }
        });
    }

    @Override
    public Optional<Caller> find(String token) {
        if (!token.startsWith(SESSION_PREFIX) && !token.startsWith(BOT_PREFIX)) {
            return Optional.empty();
        }
        String hash = TokenHash.of(token);
        long now = System.nanoTime();
        Entry entry = entries.get(hash);
        if (entry != null && now - entry.loadedAtNanos() < TTL_NANOS) {
            return Optional.of(entry.caller());
        }
        long before = generation.get();
        var owner = token.startsWith(SESSION_PREFIX) ? dao.sessionOwner(hash, clock.millis()) : dao.botOwner(hash);
        Optional<Caller> caller = owner.map(o -> new Caller(Operator.accessOf(o.role()), o.id(), hash));
        if (caller.isPresent() && generation.get() == before) {
            entries.put(hash, new Entry(caller.get(), now));
        }
        return caller;
    }

    /** After the change has committed: every node forgets the token, or all of the operator's tokens. */
    void revokeToken(String tokenHash) {
        fanout.control(REVOKED, "token:" + tokenHash);
    }

    void revokeOperator(UUID operatorId) {
        fanout.control(REVOKED, "operator:" + operatorId);
    }

    private void drop(String payload) {
        generation.incrementAndGet();
        if (payload.startsWith("token:")) {
            entries.remove(payload.substring(6));
        } else if (payload.startsWith("operator:")) {
            UUID id = UUID.fromString(payload.substring(9));
            entries.values().removeIf(e -> id.equals(e.caller().operatorId()));
        }
    }
}
