package io.parley.fanout;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fan-out across every node on one PostgreSQL database, through LISTEN/NOTIFY: nothing to run but
 * the database.
 *
 * <p>The publishing node delivers to its own sockets at once and ignores its own notifications (by
 * node id); only the other nodes deliver from the notification. The alternative, every node
 * delivering from the notification alone, would give all nodes one order of events, but it would
 * put a database round trip into every delivery on a single busy node and stop local delivery
 * whenever the listener is down. Events published concurrently have no order to keep anyway,
 * and one caller's events reach every node in the order it published them.
 *
 * <p>A node whose listener was down may have missed events and cannot get them back: when it
 * listens again it closes every local socket with an ERROR (clients reconnect and catch up from
 * history) and control handlers rebuild their state (the channel cache empties).
 */
public final class PgFanout implements Fanout {
    private static final Logger log = LoggerFactory.getLogger(PgFanout.class);
    static final String GAP_REASON = "connection to the other servers was interrupted: reconnect to catch up";

    private final String node = UUID.randomUUID().toString();
    private final LocalFanout local = new LocalFanout();
    private final Jdbi jdbi;
    private final PgPublisher publisher;
    private final PgListener listener;

    public PgFanout(String jdbcUrl, Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.publisher = new PgPublisher(jdbi, node, clock);
        this.listener = new PgListener(jdbcUrl, this::received, () -> local.missedEvents(GAP_REASON));
    }

    @Override
    public void publish(Topic topic, String destination, String json) {
        local.publish(topic, destination, json);
        publisher.send(Envelope.Event.publish(topic, destination, json));
    }

    @Override
    public void closeAll(Topic topic, String reason) {
        local.closeAll(topic, reason);
        publisher.send(Envelope.Event.close(topic, reason));
    }

    @Override
    public Registration subscribe(Topic topic, Subscriber subscriber) {
        return local.subscribe(topic, subscriber);
    }

    @Override
    public void control(String kind, String payload) {
        local.control(kind, payload);
        publisher.send(Envelope.Event.control(kind, payload));
    }

    @Override
    public void onControl(String kind, ControlHandler handler) {
        local.onControl(kind, handler);
    }

    @Override
    public boolean connected() {
        return listener.listening();
    }

    @Override
    public void start() {
        publisher.start();
        listener.start(10_000);
    }

    private void received(String payload) {
        try {
            Envelope.Notice notice = Envelope.readNotice(payload);
            if (node.equals(notice.node())) {
                return;
            }
            if (notice.ref() != null) {
                Optional<Envelope.Event> stored = stored(notice.ref());
                if (stored.isEmpty()) {
                    local.missedEvents(GAP_REASON);
                    return;
                }
                deliver(stored.get());
            } else {
                notice.events().forEach(this::deliver);
            }
        } catch (RuntimeException e) {
            // one bad payload must not stop the listener; its text is not logged (it may hold messages)
            log.warn("cross-node event not delivered: {}", e.getClass().getSimpleName());
        }
    }

    /** Empty when the row is gone or cannot be read now: either way, this node missed the event. */
    private Optional<Envelope.Event> stored(String id) {
        try {
            return readStored(id);
        } catch (RuntimeException e) {
            log.warn("cannot read a large cross-node event: {}", e.toString());
            return Optional.empty();
        }
    }

    private Optional<Envelope.Event> readStored(String id) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT body FROM fanout_events WHERE id = :id")
                        .bind("id", UUID.fromString(id))
                        .mapTo(String.class)
                        .findOne())
                .map(Envelope::readEvent);
    }

    private void deliver(Envelope.Event event) {
        switch (event.type()) {
            case "publish" -> local.publish(new Topic(event.topic()), event.name(), event.body());
            case "close" -> local.closeAll(new Topic(event.topic()), event.body());
            case "control" -> local.control(event.name(), event.body());
            default -> log.warn("unknown cross-node event type {}", event.type());
        }
    }

    @Override
    public void close() {
        publisher.close();
        listener.close();
    }
}
