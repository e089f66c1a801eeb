package io.parley.errors;

/**
 * What services, storage and sockets throw when they refuse a request. The message is safe to
 * show to the caller. These types say what went wrong, not how a transport spells it: {@code web}
 * turns them into statuses and headers, {@code stomp} into ERROR frames, each in one place.
 */
public abstract sealed class ParleyError extends RuntimeException
        permits BadRequest,
                Unauthorized,
                Forbidden,
                NotFound,
                Conflict,
                PayloadTooLarge,
                UnsupportedMediaType,
                TooManyRequests,
                Unavailable,
                RequestTimeout {

    protected ParleyError(String message) {
        super(message, null, false, false); // an expected refusal: no stack trace to fill or log
    }
}
