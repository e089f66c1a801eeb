package io.parley.web;

import java.util.Map;

/**
 * The one error type services throw. Its message is safe to show to the caller: it becomes the
 * contract's {@code {"message": ...}} body, or the {@code message} header of a STOMP ERROR frame.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final Map<String, String> headers;

    public ApiException(int status, String message) {
        this(status, message, Map.of());
    }

    public ApiException(int status, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.headers = headers;
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    public static ApiException tooManyRequests(long retryAfterSeconds) {
        return new ApiException(
                429,
                "too many requests, retry later",
                Map.of("Retry-After", String.valueOf(Math.max(1, retryAfterSeconds))));
    }

    public static ApiException unavailable(String message) {
        return new ApiException(503, message, Map.of("Retry-After", "1"));
    }
}
