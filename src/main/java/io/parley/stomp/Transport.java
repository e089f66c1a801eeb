package io.parley.stomp;

/** The socket under a STOMP connection; the Javalin/Jetty adapter implements it. */
public interface Transport {
    /** Queues one text message; {@code done} runs when it has been written or has failed. */
    void sendText(String text, Runnable done);

    /** Closes after what is queued has been written. */
    void close(int code, String reason);

    /** Drops the socket now, without waiting for queued writes (a stuck peer). */
    void abort();
}
