package io.parley.fanout;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process registry. Delivery must never block: subscribers queue the frame on their own
 * socket and return, so one slow socket cannot hold up the others.
 */
public final class LocalFanout implements Fanout {
    private static final Logger log = LoggerFactory.getLogger(LocalFanout.class);

    private final Map<Topic, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();
    private final Map<String, List<ControlHandler>> handlers = new ConcurrentHashMap<>();

    @Override
    public void publish(Topic topic, String destination, String json) {
        for (Subscriber subscriber : subscribers.getOrDefault(topic, Set.of())) {
            subscriber.deliver(destination, json);
        }
    }

    @Override
    public void closeAll(Topic topic, String reason) {
        for (Subscriber subscriber : subscribers.getOrDefault(topic, Set.of())) {
            subscriber.close(reason);
        }
    }

    @Override
    public Registration subscribe(Topic topic, Subscriber subscriber) {
        // add and remove both run inside compute, so a set emptied by one is never reused by the other
        subscribers.compute(topic, (t, set) -> {
            Set<Subscriber> current = set != null ? set : ConcurrentHashMap.newKeySet();
            current.add(subscriber);
            return current;
        });
        return () -> subscribers.computeIfPresent(topic, (t, set) -> {
            set.remove(subscriber);
            return set.isEmpty() ? null : set;
        });
    }

    @Override
    public void control(String kind, String payload) {
        for (ControlHandler handler : handlers.getOrDefault(kind, List.of())) {
            try {
                handler.handle(payload);
            } catch (RuntimeException e) {
                log.warn("control event {} failed: {}", kind, e.toString());
            }
        }
    }

    @Override
    public void onControl(String kind, ControlHandler handler) {
        handlers.computeIfAbsent(kind, k -> new CopyOnWriteArrayList<>()).add(handler);
    }

    /**
     * Events from other nodes may have been lost: every socket is closed so that its client
     * reconnects and catches up from history, and every control handler rebuilds its state.
     */
    void missedEvents(String reason) {
        handlers.values().forEach(list -> list.forEach(ControlHandler::missed));
        subscribers.values().forEach(set -> set.forEach(subscriber -> subscriber.close(reason)));
    }
}
