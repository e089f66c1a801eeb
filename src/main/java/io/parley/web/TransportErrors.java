package io.parley.web;

import io.parley.json.Json;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before a request reaches Javalin (headers too large, a URI too
 * long, a malformed request line), in the same {@code {"message": ...}} shape as every other
 * error instead of Jetty's HTML page. The text is the status's reason only: Jetty's own detail
 * may quote the request.
 */
public final class TransportErrors extends ErrorHandler {
    @Override
    protected void generateResponse(
            Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        String reason = HttpStatus.getMessage(code);
        byte[] body = Json.write(Map.of("message", reason == null ? "error " + code : reason.toLowerCase(Locale.ROOT)))
                .getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
