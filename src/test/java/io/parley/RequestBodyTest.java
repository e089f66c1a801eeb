package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.support.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How request bodies are read: lenient about what is missing or extra, and read in full. */
class RequestBodyTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    @Test
    void an_empty_body_counts_as_an_empty_object() {
        assertEquals(
                200,
                server.http()
                        .send("/channels.list", server.apiToken(), null, "POST")
                        .status());
        assertEquals(
                200,
                server.http()
                        .send("/channels.list", server.apiToken(), "", "POST")
                        .status());
        assertEquals(
                200,
                server.http()
                        .send("/channels.list", server.apiToken(), "null", "POST")
                        .status());
    }

    @Test
    void unknown_fields_are_ignored_and_content_type_is_not_required() {
        var request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/channels.connect"))
                .header("Authorization", "Bearer " + server.apiToken())
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"source\":\"chat_plugin\",\"extra\":{\"deep\":[1]}}"))
                .build();
        assertEquals(200, server.http().execute(request).status());
    }

    /**
     * A body that arrives after the headers (as java.net.http sends it) and that the endpoint
     * has no use for must still be read, or the server drops the keep-alive connection under a
     * client that is about to send its next request on it.
     */
    @Test
    void a_late_body_the_endpoint_ignores_keeps_the_connection_alive() throws Exception {
        String channelId = server.connectChannel("keepalive-site").get("id").asText();
        String visitorToken = server.newVisitor(channelId).token();
        try (var socket = new java.net.Socket("localhost", server.port())) {
            socket.setSoTimeout(10_000);
            var out = socket.getOutputStream();
            var in = new java.io.BufferedReader(
                    new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            for (String token : new String[] {visitorToken, "wrong-token", visitorToken}) {
                String body = "{\"padding\":\"" + "x".repeat(2_000) + "\"}";
                out.write(("POST /chatplugin.resumeToken HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                                + "\r\nContent-Length: " + body.length() + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(200); // the body follows in its own packets, after the server has started on the request
                out.write(body.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String status = in.readLine();
                assertTrue(status != null && status.matches("HTTP/1.1 (200|401) .*"), "status line: " + status);
                int length = 0;
                for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
                    assertFalse(header.equalsIgnoreCase("Connection: close"), "the server gave up the connection");
                    if (header.toLowerCase().startsWith("content-length:")) {
                        length = Integer.parseInt(header.substring(15).strip());
                    }
                }
                in.skip(length);
            }
        }
    }
}
