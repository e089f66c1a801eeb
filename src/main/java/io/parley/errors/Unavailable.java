package io.parley.errors;

/** The server cannot take the request now (starting, overloaded, database busy); nothing was saved. */
public final class Unavailable extends ParleyError {
    private final long retryAfterSeconds;

    public Unavailable(String message) {
        this(message, 1);
    }

    public Unavailable(String message, long retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
