package io.parley.errors;

/** The caller is known but may not do this (an origin a channel does not allow). */
public final class Forbidden extends ParleyError {
    public Forbidden(String message) {
        super(message);
    }
}
