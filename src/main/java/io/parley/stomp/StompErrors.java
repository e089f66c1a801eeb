package io.parley.stomp;

import io.parley.errors.ParleyError;
import io.parley.web.Errors;

/**
 * The one place typed errors become STOMP ERROR text: the HTTP status the same refusal gets over
 * HTTP, then its message ({@code 401 invalid visitor token}), so clients handle both alike.
 */
final class StompErrors {
    private StompErrors() {}

    static String text(ParleyError e) {
        return Errors.status(e) + " " + e.getMessage();
    }
}
