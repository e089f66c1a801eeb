package io.parley.stomp;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Frames handed to the transport but not yet written, counted. A peer that stops reading lets
 * the count grow; past {@code max} the queue refuses, and the connection cuts the peer off
 * instead of holding memory for it and delaying the fan-out to everyone else.
 */
final class OutboundQueue {
    private final Transport transport;
    private final int max;
    private final AtomicInteger pending = new AtomicInteger();

    OutboundQueue(Transport transport, int max) {
        this.transport = transport;
        this.max = max;
    }

    /** Hands {@code text} to the transport; false, sending nothing, when {@code max} frames are already pending. */
    boolean offer(String text) {
        if (pending.incrementAndGet() > max) {
            pending.decrementAndGet();
            return false;
        }
        transport.sendText(text, pending::decrementAndGet);
        return true;
    }

    int pending() {
        return pending.get();
    }
}
