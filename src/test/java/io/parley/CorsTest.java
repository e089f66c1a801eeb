package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.support.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Browsers on other sites may call the API: preflights and CORS headers. */
class CorsTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    @Test
    void browser_preflights_are_answered_for_every_endpoint() {
        var request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chatplugin.send"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://shop.example.com")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .build();
        var response = server.http().execute(request);
        assertEquals(204, response.status());
        assertEquals("https://shop.example.com", response.header("Access-Control-Allow-Origin"));
        assertTrue(response.header("Access-Control-Allow-Methods").contains("POST"));
        assertTrue(response.header("Access-Control-Allow-Headers").toLowerCase().contains("authorization"));
    }

    @Test
    void api_responses_carry_cors_headers_for_the_calling_origin() {
        var request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/health"))
                .header("Origin", "https://shop.example.com")
                .build();
        assertEquals("https://shop.example.com", server.http().execute(request).header("Access-Control-Allow-Origin"));
    }
}
