package io.parley.errors;

/** The request contradicts what is already stored. */
public final class Conflict extends ParleyError {
    public Conflict(String message) {
        super(message);
    }
}
