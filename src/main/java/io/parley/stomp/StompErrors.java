package io.parley.stomp;

import io.parley.errors.ParleyError;
import io.parley.web.Errors;
import java.util.LinkedHashMap;

/**
 * The one place typed errors become STOMP ERROR text: the HTTP status the same refusal gets over
 * HTTP, then its message ({@code 401 invalid visitor token}), so clients handle both alike.
 */
final class StompErrors {
    private StompErrors() {}

    static String text(ParleyError e) {
        return Errors.status(e) + " " + e.getMessage();
    }

    /** An ERROR frame whose message header and body both say why. */
    static Frame frame(String message, String receipt) {
        var headers = new LinkedHashMap<String, String>();
        headers.put("message", message);
        if (receipt != null) {
            headers.put("receipt-id", receipt);
        }
        headers.put("content-type", "text/plain");
        return Frame.of("ERROR", headers, message);
    }
}
