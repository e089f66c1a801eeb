package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HealthTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    @Test
    void health_answers_ok() {
        var response = server.http().get("/health");
        assertEquals(200, response.status());
        assertEquals("ok", response.json().get("status").asText());
    }
}
