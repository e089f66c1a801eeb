package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.support.TestServer;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every refusal, whoever makes it (a route, Javalin, Jetty), is JSON {@code {"message": ...}}. */
class ErrorShapeTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    @Test
    void malformed_json_is_400_in_the_error_shape() {
        assertTrue(server.http()
                .operator("/channels.connect", "{\"source\": ")
                .error(400)
                .contains("JSON"));
        server.http().operator("/channels.connect", "not json at all").error(400);
        server.http().operator("/channels.connect", "{} trailing").error(400);
        assertTrue(
                server.http().operator("/channels.connect", "[1,2]").error(400).contains("object"));
    }

    @Test
    void an_unknown_endpoint_is_404_in_the_error_shape() {
        server.http().operator("/nothing.here", Map.of()).error(404);
    }

    @Test
    void requests_jetty_refuses_before_routing_get_the_same_json_error_shape() throws Exception {
        String hugeHeader = "X-Padding: " + "a".repeat(20_000) + "\r\n";
        assertEquals(
                List.of(
                        "HTTP/1.1 431 Request Header Fields Too Large",
                        "application/json",
                        "{\"message\":\"request header fields too large\"}"),
                rawExchange(server.port(), "GET /health HTTP/1.1\r\nHost: localhost\r\n" + hugeHeader + "\r\n"));
        assertEquals(
                List.of("HTTP/1.1 400 Bad Request", "application/json", "{\"message\":\"bad request\"}"),
                rawExchange(server.port(), "NOT A REQUEST LINE\r\n\r\n"));
    }

    /** Status line, Content-Type and body of the one response to {@code request}. */
    private static List<String> rawExchange(int port, String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String[] headAndBody = response.split("\r\n\r\n", 2);
            List<String> head = List.of(headAndBody[0].split("\r\n"));
            String contentType = head.stream()
                    .filter(line -> line.toLowerCase().startsWith("content-type:"))
                    .map(line -> line.substring("content-type:".length()).trim())
                    .findFirst()
                    .orElse("none");
            return List.of(head.get(0), contentType, headAndBody.length > 1 ? headAndBody[1] : "");
        }
    }
}
