package io.parley.errors;

/** An abuse limit refused the request; the caller may try again after {@code retryAfterSeconds}. */
public final class TooManyRequests extends ParleyError {
    private final long retryAfterSeconds;

    public TooManyRequests(long retryAfterSeconds) {
        this("too many requests, retry later", retryAfterSeconds);
    }

    public TooManyRequests(String message, long retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
