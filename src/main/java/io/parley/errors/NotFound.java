package io.parley.errors;

/** What the request names does not exist, or is not the caller's to see. */
public final class NotFound extends ParleyError {
    public NotFound(String message) {
        super(message);
    }
}
