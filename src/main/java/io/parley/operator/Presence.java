package io.parley.operator;

import io.parley.auth.Caller;
import io.parley.fanout.Fanout;
import io.parley.fanout.Topic;
import io.parley.json.Json;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;

/**
 * Who is online: a person with a {@code /ws.communication} socket open on any node who is not
 * away. Each node writes its own socket counts to the database and refreshes them every few
 * seconds, so any node can answer and a node that dies stops counting after {@link #STALE_MS}.
 * Changes go to operators as {@code /queue/operator/presence}.
 */
public final class Presence implements AutoCloseable {
    public static final String DESTINATION = "/queue/operator/presence";
    static final long REFRESH_MS = 5_000;
    static final long STALE_MS = 20_000;

    public record Change(UUID operatorId, boolean online) {}

    private final String nodeId = UUID.randomUUID().toString();
    private final Map<UUID, Integer> local = new ConcurrentHashMap<>();
    private final Jdbi jdbi;
    private final Fanout fanout;
    private final Clock clock;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "operator-presence");
        thread.setDaemon(true);
        return thread;
    });

    Presence(Jdbi jdbi, Fanout fanout, Clock clock) {
        this.jdbi = jdbi;
        this.fanout = fanout;
        this.clock = clock;
    }

    public void start() {
        ticker.scheduleWithFixedDelay(this::refresh, REFRESH_MS, REFRESH_MS, TimeUnit.MILLISECONDS);
    }

    /** A socket was admitted; the returned action runs when it closes. Only people count. */
    public Runnable opened(Caller caller) {
        if (!caller.isPerson()) {
            return () -> {};
        }
        UUID id = caller.operatorId();
        changeCount(id, +1);
        return () -> changeCount(id, -1);
    }

    public boolean isOnline(UUID operatorId) {
        return !jdbi.onDemand(PresenceDao.class).onlineOne(operatorId, since()).isEmpty();
    }

    public boolean anyPersonOnline() {
        return !online().isEmpty();
    }

    public List<UUID> online() {
        return jdbi.onDemand(PresenceDao.class).online(since());
    }

    /** After a change of availability or of disabled: tell operators when it changes who is online. */
    void announce(UUID operatorId, boolean wasOnline) {
        boolean now = isOnline(operatorId);
        if (now != wasOnline) {
            fanout.publish(Topic.OPERATORS, DESTINATION, Json.write(new Change(operatorId, now)));
        }
    }

    /**
     * Never throws: a socket must open and close whatever the database does. A count that could not
     * be written is written by the next refresh, which rewrites all of this node's counts.
     */
    private synchronized void changeCount(UUID id, int delta) {
        int sockets = local.merge(id, delta, Integer::sum);
        if (sockets <= 0) {
            local.remove(id);
        }
        try {
            boolean before = isOnline(id);
            long now = clock.millis();
            jdbi.useExtension(PresenceDao.class, dao -> {
                if (dao.update(nodeId, id, Math.max(0, sockets), now) == 0) {
                    dao.insert(nodeId, id, Math.max(0, sockets), now);
                }
            });
            announce(id, before);
        } catch (RuntimeException databaseAway) {
            // the refresh writes this count once the database is back
        }
    }

    /** Rewrites this node's counts from memory (healing any write that failed) and drops dead nodes' rows. */
    private synchronized void refresh() {
        try {
            long now = clock.millis();
            jdbi.useTransaction(handle -> {
                PresenceDao dao = handle.attach(PresenceDao.class);
                dao.forgetNode(nodeId);
                local.forEach((id, sockets) -> dao.insert(nodeId, id, sockets, now));
                dao.deleteStale(now - 10 * STALE_MS);
            });
        } catch (RuntimeException e) {
            // the database is down: the next refresh tries again, and the rows only go stale
        }
    }

    private long since() {
        return clock.millis() - STALE_MS;
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        try {
            jdbi.useExtension(PresenceDao.class, dao -> dao.forgetNode(nodeId));
        } catch (RuntimeException e) {
            // rows of a node that could not say goodbye go stale on their own
        }
    }
}
