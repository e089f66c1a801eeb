package io.parley.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.errors.BadRequest;
import io.parley.errors.Conflict;
import io.parley.errors.Forbidden;
import io.parley.errors.NotFound;
import io.parley.errors.ParleyError;
import io.parley.errors.PayloadTooLarge;
import io.parley.errors.TooManyRequests;
import io.parley.errors.Unauthorized;
import io.parley.errors.Unavailable;
import io.parley.errors.UnsupportedMediaType;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The one table from typed errors to HTTP statuses (STOMP ERROR frames quote the same numbers). */
class ErrorsTest {
    @Test
    void each_typed_error_has_its_status() {
        Map<String, Integer> statuses = new TreeMap<>();
        for (ParleyError e : new ParleyError[] {
            new BadRequest("m"),
            new Unauthorized("m"),
            new Forbidden("m"),
            new NotFound("m"),
            new Conflict("m"),
            new PayloadTooLarge("m"),
            new UnsupportedMediaType("m"),
            new TooManyRequests(1),
            new Unavailable("m")
        }) {
            statuses.put(e.getClass().getSimpleName(), Errors.status(e));
        }
        assertEquals(
                Map.of(
                        "BadRequest", 400,
                        "Unauthorized", 401,
                        "Forbidden", 403,
                        "NotFound", 404,
                        "Conflict", 409,
                        "PayloadTooLarge", 413,
                        "UnsupportedMediaType", 415,
                        "TooManyRequests", 429,
                        "Unavailable", 503),
                statuses);
    }

    @Test
    void every_kind_of_typed_error_is_in_the_table() {
        for (Class<?> kind : ParleyError.class.getPermittedSubclasses()) {
            assertTrue(Errors.STATUSES.containsKey(kind), kind.getSimpleName() + " has no HTTP status in web.Errors");
        }
    }

    @Test
    void retry_after_is_at_least_a_second() {
        assertEquals(1, new TooManyRequests(0).retryAfterSeconds());
        assertEquals(1, new Unavailable("m", -5).retryAfterSeconds());
        assertEquals(5, new TooManyRequests("m", 5).retryAfterSeconds());
    }
}
