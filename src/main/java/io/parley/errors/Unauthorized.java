package io.parley.errors;

/** The caller's token is missing, expired or wrong. */
public final class Unauthorized extends ParleyError {
    public Unauthorized(String message) {
        super(message);
    }
}
