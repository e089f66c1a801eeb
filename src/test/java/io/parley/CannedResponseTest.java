package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.support.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CannedResponseTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    static JsonNode create(String code, String text) {
        return server.http()
                .operator("/canned_responses.create", Map.of("short_code", code, "text", text))
                .ok()
                .json();
    }

    @Test
    void created_responses_are_listed_updated_and_deleted() {
        JsonNode hello = create("hello", "Hi! How can I help?");
        assertEquals(
                Map.of("id", hello.get("id").asText(), "short_code", "hello", "text", "Hi! How can I help?")
                        .size(),
                hello.size());
        JsonNode listed = server.http()
                .operator("/canned_responses.list", Map.of())
                .ok()
                .json()
                .get("data");
        assertTrue(listed.toString().contains("\"short_code\":\"hello\""));
        JsonNode updated = server.http()
                .operator(
                        "/canned_responses.update",
                        Map.of("canned_response_id", hello.get("id").asText(), "text", "Hello!"))
                .ok()
                .json();
        assertEquals("hello", updated.get("short_code").asText());
        assertEquals("Hello!", updated.get("text").asText());
        var delete = server.http()
                .operator(
                        "/canned_responses.delete",
                        Map.of("canned_response_id", hello.get("id").asText()));
        assertEquals(202, delete.status());
        assertEquals("{}", delete.body());
        server.http()
                .operator(
                        "/canned_responses.delete",
                        Map.of("canned_response_id", hello.get("id").asText()))
                .error(404);
    }

    @Test
    void short_codes_are_lowercase_words_of_at_most_32_and_unique() {
        for (String bad : new String[] {"", "Hello", "with space", "x".repeat(33), "sl/ash"}) {
            assertTrue(server.http()
                    .operator("/canned_responses.create", Map.of("short_code", bad, "text", "t"))
                    .error(400)
                    .contains("short_code"));
        }
        create("a_b-1", "t");
        create("x".repeat(32), "t");
        server.http()
                .operator("/canned_responses.create", Map.of("short_code", "a_b-1", "text", "again"))
                .error(409);
        JsonNode other = create("other", "t");
        var clash = Map.of("canned_response_id", other.get("id").asText(), "short_code", "a_b-1");
        server.http().operator("/canned_responses.update", clash).error(409);
    }

    @Test
    void text_is_1_to_10000_characters() {
        server.http()
                .operator("/canned_responses.create", Map.of("short_code", "empty", "text", ""))
                .error(400);
        server.http()
                .operator("/canned_responses.create", Map.of("short_code", "long", "text", "x".repeat(10_001)))
                .error(400);
        create("longest", "x".repeat(10_000));
    }
}
