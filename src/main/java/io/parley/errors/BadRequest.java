package io.parley.errors;

/** The request is malformed or a field is invalid. */
public final class BadRequest extends ParleyError {
    public BadRequest(String message) {
        super(message);
    }
}
