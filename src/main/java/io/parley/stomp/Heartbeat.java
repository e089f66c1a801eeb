package io.parley.stomp;

/**
 * STOMP heart-beat bookkeeping for one connection. The server offers exactly what the client
 * asks for (bounded below), so a client's {@code heart-beat:4000,4000} is honoured as is.
 */
final class Heartbeat {
    static final long MIN_INTERVAL_MS = 1_000;
    /** How many agreed intervals of silence we tolerate before calling the peer dead. */
    private static final int TOLERANCE = 3;

    private volatile long sendEveryMs;
    private volatile long expectEveryMs;
    private volatile long lastSentNanos = System.nanoTime();
    private volatile long lastReceivedNanos = System.nanoTime();

    /** Takes the client's "cx,cy" and returns the server's "sx,sy" for CONNECTED. */
    String negotiate(String clientHeader) {
        long clientSends = 0;
        long clientWants = 0;
        if (clientHeader != null) {
            String[] parts = clientHeader.split(",");
            if (parts.length == 2) {
                clientSends = parse(parts[0]);
                clientWants = parse(parts[1]);
            }
        }
        sendEveryMs = clientWants <= 0 ? 0 : Math.max(clientWants, MIN_INTERVAL_MS);
        expectEveryMs = clientSends <= 0 ? 0 : Math.max(clientSends, MIN_INTERVAL_MS);
        return sendEveryMs + "," + expectEveryMs;
    }

    void sent() {
        lastSentNanos = System.nanoTime();
    }

    void received() {
        lastReceivedNanos = System.nanoTime();
    }

    /** Due when the next tick would be too late: ticks come every {@code tickMs}. */
    boolean heartbeatDue(long nowNanos, long tickMs) {
        return sendEveryMs > 0 && millisSince(lastSentNanos, nowNanos) >= sendEveryMs - tickMs;
    }

    boolean peerSilentTooLong(long nowNanos) {
        return expectEveryMs > 0 && millisSince(lastReceivedNanos, nowNanos) > TOLERANCE * expectEveryMs;
    }

    private static long millisSince(long thenNanos, long nowNanos) {
        return (nowNanos - thenNanos) / 1_000_000;
    }

    private static long parse(String value) {
        try {
            return Math.max(0, Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
