package io.parley.stomp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * One connection's subscriptions: subscription id to destination, bounded in number. A client
 * may subscribe to {@code /user/queue/message} and hears what is published to
 * {@code /queue/message}; each MESSAGE quotes the destination as the client wrote it.
 */
final class Subscriptions {
    enum Outcome {
        ADDED,
        UNKNOWN_DESTINATION,
        TOO_MANY
    }

    interface Delivery {
        void to(String subscriptionId, String subscribedDestination);
    }

    private record Subscription(String destination, String normalized) {}

    private final int max;
    /** The policy's destination check: the canonical destination, or null when not allowed. */
    private final UnaryOperator<String> normalize;

    private final Map<String, Subscription> byId = new ConcurrentHashMap<>();

    Subscriptions(int max, UnaryOperator<String> normalize) {
        this.max = max;
        this.normalize = normalize;
    }

    /** Adds or replaces the subscription {@code id}. */
    Outcome add(String id, String destination) {
        String normalized = normalize.apply(destination);
        if (normalized == null) {
            return Outcome.UNKNOWN_DESTINATION;
        }
        if (byId.size() >= max && !byId.containsKey(id)) {
            return Outcome.TOO_MANY;
        }
        byId.put(id, new Subscription(destination, normalized));
        return Outcome.ADDED;
    }

    void remove(String id) {
        byId.remove(id);
    }

    /** Calls {@code delivery} once for every subscription that hears {@code destination}. */
    void forEachHearing(String destination, Delivery delivery) {
        byId.forEach((id, subscription) -> {
            if (subscription.normalized().equals(destination)) {
                delivery.to(id, subscription.destination());
            }
        });
    }

    int size() {
        return byId.size();
    }
}
