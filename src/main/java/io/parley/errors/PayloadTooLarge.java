package io.parley.errors;

/** The request body is over the size limit. */
public final class PayloadTooLarge extends ParleyError {
    public PayloadTooLarge(String message) {
        super(message);
    }
}
