package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.support.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.WebSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OriginsTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    static String channelId;

    @BeforeAll
    static void start() {
        channelId = server.connectChannel("origin-site").get("id").asText();
        server.http()
                .operator(
                        "/channels.update",
                        Map.of(
                                "channel_id",
                                channelId,
                                "allowed_origins",
                                List.of("https://shop.example.com", "https://*.example.org")))
                .ok();
    }

    static int authenticateFrom(String origin) {
        var request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chatplugin.authenticate"))
                .header("Origin", origin)
                .POST(HttpRequest.BodyPublishers.ofString("{\"channel_id\":\"" + channelId + "\"}"))
                .build();
        var response = server.http().execute(request);
        if (response.status() == 403) {
            assertNull(response.header("Access-Control-Allow-Origin"), "a refused origin gets no CORS grant");
        }
        return response.status();
    }

    @Test
    void allowed_origins_and_wildcard_subdomains_may_authenticate() {
        assertEquals(200, authenticateFrom("https://shop.example.com"));
        assertEquals(200, authenticateFrom("https://blog.example.org"));
        assertEquals(200, authenticateFrom("https://a.b.example.org"));
    }

    @Test
    void other_origins_are_refused_with_403() {
        assertEquals(403, authenticateFrom("https://evil.example.net"));
        assertEquals(403, authenticateFrom("http://shop.example.com"));
        assertEquals(403, authenticateFrom("https://example.org"));
        assertEquals(403, authenticateFrom("https://shop.example.com.evil.net"));
    }

    @Test
    void a_visitor_token_used_from_another_origin_cannot_send() {
        String token = server.newVisitor(channelId).token();
        var request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chatplugin.send"))
                .header("Origin", "https://evil.example.net")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":{\"text\":\"hi\"}}"))
                .build();
        server.http().execute(request).error(403);
    }

    @Test
    void the_websocket_handshake_origin_is_checked_at_connect() throws Exception {
        String token = server.newVisitor(channelId).token();
        assertTrue(connectFrom("https://shop.example.com", token).startsWith("CONNECTED"));
        String refused = connectFrom("https://evil.example.net", token);
        assertTrue(refused.startsWith("ERROR") && refused.contains("403"), refused);
    }

    static String connectFrom(String origin, String token) throws Exception {
        CompletableFuture<String> first = new CompletableFuture<>();
        WebSocket socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .header("Origin", origin)
                .buildAsync(URI.create(server.wsUrl("/ws.chatplugin")), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        first.complete(data.toString());
                        return null;
                    }
                })
                .join();
        socket.sendText("CONNECT\naccept-version:1.2\nAuthorization:Bearer " + token + "\n\n\0", true)
                .join();
        try {
            return first.get(10, TimeUnit.SECONDS);
        } finally {
            socket.abort();
        }
    }
}
