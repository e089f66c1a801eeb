package io.parley.fanout;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-process registry. Delivery must never block: subscribers queue the frame on their own
 * socket and return, so one slow socket cannot hold up the others.
 */
public final class LocalFanout implements Fanout {
    private final Map<Topic, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();

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
}
