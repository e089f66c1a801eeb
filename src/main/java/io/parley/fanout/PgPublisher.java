package io.parley.fanout;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends this node's events to the others. Callers only queue (a publish never waits for the
 * database); one thread drains the queue and sends everything queued in one transaction of NOTIFYs,
 * so at thousands of events a second the cost is one round trip per batch, not per event.
 * Notifications are ephemeral, so that transaction commits without waiting for its WAL flush.
 */
final class PgPublisher implements AutoCloseable {
    static final String CHANNEL = "parley_fanout";
    private static final Logger log = LoggerFactory.getLogger(PgPublisher.class);
    private static final int MAX_QUEUED = 100_000;
    private static final int MAX_BATCH = 1_000;
    private static final int ATTEMPTS = 5;
    /** Stored large events are read back within milliseconds; they are kept a while for slow readers. */
    private static final long KEEP_STORED_MS = TimeUnit.MINUTES.toMillis(5);

    private final Jdbi jdbi;
    private final String node;
    private final Clock clock;
    private final BlockingQueue<Envelope.Event> queue = new LinkedBlockingQueue<>(MAX_QUEUED);
    private final AtomicLong seq = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean dropping;
    private long lastPruneMs;

    PgPublisher(Jdbi jdbi, String node, Clock clock) {
        this.jdbi = jdbi;
        this.node = node;
        this.clock = clock;
        this.thread = new Thread(this::run, "parley-fanout-publisher");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void send(Envelope.Event event) {
        if (!queue.offer(event) && !dropping) {
            dropping = true; // logged once per episode, not once per event
            log.error("cross-node events dropped: {} already queued (is the database reachable?)", MAX_QUEUED);
        }
    }

    private void run() {
        while (running || !queue.isEmpty()) {
            try {
                Envelope.Event first = queue.poll(1, TimeUnit.SECONDS);
                if (first != null) {
                    List<Envelope.Event> batch = new ArrayList<>();
                    batch.add(first);
                    queue.drainTo(batch, MAX_BATCH - 1);
                    sendWithRetries(batch);
                }
                pruneNowAndThen();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sendWithRetries(List<Envelope.Event> batch) throws InterruptedException {
        Envelope.Outgoing outgoing = Envelope.pack(node, seq::getAndIncrement, batch);
        for (int attempt = 1; ; attempt++) {
            try {
                jdbi.useTransaction(handle -> notify(handle, outgoing));
                dropping = false;
                return;
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS) {
                    // the other nodes' sockets miss these; their clients catch up from history on reconnect
                    log.error("{} cross-node events lost after {} attempts: {}", batch.size(), ATTEMPTS, e.toString());
                    return;
                }
                Thread.sleep(50L << attempt);
            }
        }
    }

    private void notify(Handle handle, Envelope.Outgoing outgoing) {
        if (!outgoing.stored().isEmpty()) {
            var insert = handle.prepareBatch("INSERT INTO fanout_events (id, body, created_at_ms) VALUES (?, ?, ?)");
            long now = clock.millis();
            for (Envelope.Stored stored : outgoing.stored()) {
                insert.add(UUID.fromString(stored.id()), stored.body(), now);
            }
            insert.execute();
        }
        // one statement for the whole batch (unnest keeps the array's order, and so does delivery);
        // it also turns off the wait for the WAL flush at commit, for this transaction only
        handle.createQuery("""
                        SELECT set_config('synchronous_commit', 'off', true),
                               (SELECT count(pg_notify(:channel, payload))
                                FROM unnest(CAST(:payloads AS text[])) AS payload)
                        """)
                .bind("channel", CHANNEL)
                .bindArray("payloads", String.class, outgoing.payloads())
                .mapToMap()
                .one();
    }

    private void pruneNowAndThen() {
        long now = clock.millis();
        if (now - lastPruneMs < TimeUnit.MINUTES.toMillis(1)) {
            return;
        }
        lastPruneMs = now;
        try {
            jdbi.useHandle(handle ->
                    handle.execute("DELETE FROM fanout_events WHERE created_at_ms < ?", now - KEEP_STORED_MS));
        } catch (RuntimeException e) {
            log.warn("could not prune old cross-node events: {}", e.toString());
        }
    }

    /** Sends what is queued (bounded by the retries), then stops. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.interrupt();
    }
}
