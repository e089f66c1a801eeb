package io.parley.fanout;

/**
 * Delivers committed events to the sockets subscribed to a topic. This is the seam for running
 * several nodes: a cross-node bus implements it by relaying each call to every node, where the
 * local registry delivers it; features only ever talk to this interface.
 */
public interface Fanout {

    /** Sends {@code json} to every subscriber of {@code topic} under STOMP {@code destination}. */
    void publish(Topic topic, String destination, String json);

    /** Ends every subscriber of {@code topic}, telling it why (a STOMP ERROR, then close). */
    void closeAll(Topic topic, String reason);

    Registration subscribe(Topic topic, Subscriber subscriber);

    interface Subscriber {
        void deliver(String destination, String json);

        void close(String reason);
    }

    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
