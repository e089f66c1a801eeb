package io.parley.fanout;

/**
 * Delivers committed events to the sockets subscribed to a topic, on every node. Features publish
 * a (topic, destination, json), end a topic's sockets, or send a control event (state every node
 * keeps, such as a cache), and never know how many nodes there are: {@link LocalFanout} is one
 * node, {@link PgFanout} relays every call to the other nodes through PostgreSQL.
 */
public interface Fanout extends AutoCloseable {

    /** Sends {@code json} to every subscriber of {@code topic} under STOMP {@code destination}. */
    void publish(Topic topic, String destination, String json);

    /** Ends every subscriber of {@code topic}, telling it why (a STOMP ERROR, then close). */
    void closeAll(Topic topic, String reason);

    Registration subscribe(Topic topic, Subscriber subscriber);

    /**
     * Runs the handlers of {@code kind} with {@code payload}: on this node before returning, on the
     * other nodes as soon as the event reaches them.
     */
    void control(String kind, String payload);

    void onControl(String kind, ControlHandler handler);

    /** False while events from other nodes cannot reach this node (its listener is down). */
    default boolean connected() {
        return true;
    }

    /** Begins listening to the other nodes; returns once listening, or after a bounded wait. */
    default void start() {}

    /** Sends what is still queued for the other nodes, then stops. */
    @Override
    default void close() {}

    interface Subscriber {
        void deliver(String destination, String json);

        void close(String reason);
    }

    interface ControlHandler {
        void handle(String payload);

        /** Control events from other nodes may have been lost: rebuild what they keep up to date. */
        default void missed() {}
    }

    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
