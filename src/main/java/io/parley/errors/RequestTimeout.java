package io.parley.errors;

/** The client sent its request body too slowly: the worker reading it is given back. */
public final class RequestTimeout extends ParleyError {
    public RequestTimeout(String message) {
        super(message);
    }
}
