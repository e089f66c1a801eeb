package io.parley.errors;

/** The request body is not in a format the endpoint reads. */
public final class UnsupportedMediaType extends ParleyError {
    public UnsupportedMediaType(String message) {
        super(message);
    }
}
