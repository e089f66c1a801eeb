package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.abuse.Limits;
import io.parley.support.Http;
import io.parley.support.StompClient;
import io.parley.support.TestServer;
import io.parley.support.TestServer.Visitor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AbuseLimitsTest {
    TestServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    TestServer start(Limits limits) {
        server = TestServer.start(config -> TestConfig.withLimits(config, limits));
        return server;
    }

    @Test
    void a_visitor_sending_faster_than_its_rate_gets_429_with_retry_after() {
        start(new Limits(1, 3, 1000, 10, 1000, 1000));
        String channelId = server.connectChannel("rate-site").get("id").asText();
        Visitor visitor = server.newVisitor(channelId);
        for (int i = 0; i < 3; i++) {
            server.visitorSends(visitor, "burst " + i);
        }
        Http.Response refused = server.visitorTriesToSend(visitor, "one too many");
        assertTrue(refused.error(429).contains("too many"));
        assertNotNull(refused.header("Retry-After"));
        assertTrue(Integer.parseInt(refused.header("Retry-After")) >= 1);
        // another visitor is not affected
        server.visitorSends(server.newVisitor(channelId), "hello");
    }

    @Test
    void new_conversations_per_address_are_limited() {
        start(new Limits(100, 100, 2, 10, 1000, 1000));
        String channelId = server.connectChannel("auth-rate-site").get("id").asText();
        server.newVisitor(channelId);
        server.newVisitor(channelId);
        var refused = server.http().post("/chatplugin.authenticate", null, Map.of("channel_id", channelId));
        refused.error(429);
        assertNotNull(refused.header("Retry-After"));
    }

    @Test
    void sockets_per_visitor_are_limited_at_connect() {
        start(new Limits(100, 100, 1000, 2, 1000, 1000));
        Visitor visitor =
                server.newVisitor(server.connectChannel("tabs-site").get("id").asText());
        String url = server.wsUrl("/ws.chatplugin");
        try (StompClient one = StompClient.connect(url, visitor.token());
                StompClient two = StompClient.connect(url, visitor.token());
                StompClient three = StompClient.open(url)) {
            three.send("CONNECT\naccept-version:1.2\nAuthorization:Bearer " + visitor.token() + "\n\n\0");
            assertTrue(three.next().header("message").contains("429"));
            assertTrue(three.awaitClose(5_000));
            one.send("DISCONNECT\nreceipt:bye\n\n\0");
            assertEquals("RECEIPT", one.next().command());
            assertTrue(one.awaitClose(5_000));
            // the slot is free again once the server has seen the close
            assertTrue(connectsWithin(url, visitor.token(), 5_000), "a closed tab releases its slot");
        }
    }

    static boolean connectsWithin(String url, String token, long millis) {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            try (StompClient client = StompClient.open(url)) {
                client.send("CONNECT\naccept-version:1.2\nAuthorization:Bearer " + token + "\n\n\0");
                if (client.next().command().equals("CONNECTED")) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void beyond_the_socket_limit_new_connections_are_refused_and_existing_ones_keep_working() {
        start(new Limits(100, 100, 1000, 10, 1000, 2));
        String channelId = server.connectChannel("full-site").get("id").asText();
        Visitor visitor = server.newVisitor(channelId);
        String url = server.wsUrl("/ws.chatplugin");
        List<StompClient> open = new ArrayList<>();
        try {
            open.add(StompClient.connect(url, visitor.token()).subscribe("s", "/queue/message"));
            open.add(StompClient.connect(url, visitor.token()));
            CompletionException refused = org.junit.jupiter.api.Assertions.assertThrows(
                    CompletionException.class,
                    () -> HttpClient.newHttpClient()
                            .newWebSocketBuilder()
                            .buildAsync(URI.create(url), new WebSocket.Listener() {})
                            .join());
            assertTrue(refused.getCause() instanceof WebSocketHandshakeException, String.valueOf(refused.getCause()));
            assertEquals(
                    429,
                    ((WebSocketHandshakeException) refused.getCause())
                            .getResponse()
                            .statusCode());
            server.visitorSends(visitor, "still delivered");
            assertEquals("MESSAGE", open.get(0).next().command());
        } finally {
            open.forEach(StompClient::close);
        }
    }
}
