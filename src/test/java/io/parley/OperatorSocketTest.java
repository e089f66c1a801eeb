package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.stomp.Frame;
import io.parley.support.StompClient;
import io.parley.support.TestServer;
import io.parley.support.TestServer.Visitor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OperatorSocketTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    static String channelId;

    @BeforeAll
    static void start() {
        channelId = server.connectChannel("operator-socket-site").get("id").asText();
    }

    static String url() {
        return server.wsUrl("/ws.communication");
    }

    static StompClient operator() {
        return StompClient.connect(url(), server.apiToken());
    }

    static JsonNode body(Frame frame) {
        try {
            return JSON.readTree(frame.bodyText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next MESSAGE whose body matches; operator sockets hear every channel, so others are skipped. */
    static Frame next(StompClient client, Predicate<JsonNode> matching) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Frame frame = client.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            if (frame != null && frame.command().equals("MESSAGE") && matching.test(body(frame))) {
                return frame;
            }
            if (frame != null && !frame.command().equals("MESSAGE")) {
                throw new AssertionError("unexpected " + frame.command() + " " + frame.headers());
            }
        }
        throw new AssertionError("no matching MESSAGE within 10 s");
    }

    static Predicate<JsonNode> about(String conversationId) {
        return payload -> conversationId.equals(payload.path("conversation_id").asText());
    }

    @Test
    void the_api_token_opens_the_operator_socket_with_or_without_bearer() {
        try (StompClient client = StompClient.open(url())) {
            client.send(
                    "CONNECT\naccept-version:1.1,1.2\nheart-beat:0,0\nAuthorization:" + server.apiToken() + "\n\n\0");
            Frame connected = client.next();
            assertEquals("CONNECTED", connected.command());
            assertEquals("1.2", connected.header("version"));
        }
    }

    @Test
    void a_bad_missing_or_visitor_token_gets_an_error_mentioning_401_and_the_socket_closes() {
        Visitor visitor = server.newVisitor(channelId);
        for (String authorization :
                new String[] {"Authorization:Bearer nonsense\n", "", "Authorization:Bearer " + visitor.token() + "\n"
                }) {
            try (StompClient client = StompClient.open(url())) {
                client.send("CONNECT\naccept-version:1.2\n" + authorization + "\n\0");
                Frame error = client.next();
                assertEquals("ERROR", error.command());
                assertTrue(error.header("message").contains("401"), error.header("message"));
                assertTrue(client.awaitClose(5_000));
            }
        }
    }

    @Test
    void a_visitor_message_arrives_on_queue_message_with_conversation_and_channel() {
        Visitor visitor = server.newVisitor(channelId);
        try (StompClient plain = operator().subscribe("m", "/queue/message");
                StompClient user = operator().subscribe("u", "/user/queue/message")) {
            JsonNode sent = server.visitorSends(visitor, "Is anyone there?");
            String conversationId = sent.get("conversation_id").asText();
            for (StompClient client : new StompClient[] {plain, user}) {
                Frame frame = next(client, about(conversationId));
                assertEquals(client == plain ? "/queue/message" : "/user/queue/message", frame.header("destination"));
                assertEquals(client == plain ? "m" : "u", frame.header("subscription"));
                assertEquals("application/json", frame.header("content-type"));
                JsonNode payload = body(frame);
                assertEquals(channelId, payload.get("channel_id").asText());
                JsonNode message = payload.get("message");
                assertEquals(sent.get("id"), message.get("id"));
                assertEquals("Is anyone there?", message.get("content").asText());
                assertEquals("DELIVERED", message.get("state").asText());
                assertEquals("LEFT", message.get("alignment").asText(), "operators see the contact on the left");
                assertEquals(sent.get("sent_at"), message.get("sent_at"));
            }
        }
    }

    @Test
    void an_operator_reply_arrives_on_queue_message_aligned_right() {
        String conversationId = server.visitorSends(server.newVisitor(channelId), "hello")
                .get("conversation_id")
                .asText();
        try (StompClient client = operator().subscribe("m", "/queue/message")) {
            JsonNode sent = server.http()
                    .operator(
                            "/messages.send",
                            Map.of("conversation_id", conversationId, "message", Map.of("text", "Hi!")))
                    .ok()
                    .json();
            JsonNode payload = body(next(client, about(conversationId)));
            assertEquals(channelId, payload.get("channel_id").asText());
            assertEquals(sent.get("id"), payload.get("message").get("id"));
            assertEquals("RIGHT", payload.get("message").get("alignment").asText());
        }
    }

    @Test
    void unread_counts_are_pushed_for_each_message_and_on_read() {
        Visitor visitor = server.newVisitor(channelId);
        try (StompClient plain = operator().subscribe("n", "/queue/unread-count");
                StompClient user = operator().subscribe("n", "/user/queue/unread-count")) {
            String conversationId =
                    server.visitorSends(visitor, "one").get("conversation_id").asText();
            server.visitorSends(visitor, "two");
            server.http()
                    .operator(
                            "/messages.send",
                            Map.of("conversation_id", conversationId, "message", Map.of("text", "reply")))
                    .ok();
            server.http().operator("/conversations.read", Map.of("conversation_id", conversationId));
            for (StompClient client : new StompClient[] {plain, user}) {
                for (int expected : new int[] {1, 2, 2, 0}) {
                    JsonNode payload = body(next(client, about(conversationId)));
                    assertEquals(expected, payload.get("unread_message_count").asInt(), payload.toString());
                    assertTrue(payload.get("timestamp").asText().matches(ConversationApiTest.ISO_MILLIS));
                    assertEquals(3, payload.size(), "conversation_id, unread_message_count, timestamp: " + payload);
                }
            }
        }
    }

    @Test
    void channel_connected_and_disconnected_events_carry_the_channel_object() {
        try (StompClient plain = operator()
                        .subscribe("c", "/queue/channel/connected")
                        .subscribe("d", "/queue/channel/disconnected");
                StompClient user = operator()
                        .subscribe("c", "/user/queue/channel/connected")
                        .subscribe("d", "/user/queue/channel/disconnected")) {
            JsonNode channel = server.connectChannel("socket-event-site");
            String id = channel.get("id").asText();
            server.http().operator("/channels.disconnect", Map.of("channel_id", id));
            server.connectChannel("socket-event-site"); // reconnecting a disconnected channel announces it again
            for (StompClient client : new StompClient[] {plain, user}) {
                Predicate<JsonNode> ofThisChannel =
                        payload -> id.equals(payload.path("id").asText());
                Frame connected = next(client, ofThisChannel);
                assertTrue(connected.header("destination").endsWith("/queue/channel/connected"));
                assertEquals(channel, body(connected));
                Frame disconnected = next(client, ofThisChannel);
                assertTrue(disconnected.header("destination").endsWith("/queue/channel/disconnected"));
                assertFalse(body(disconnected).get("connected").asBoolean());
                assertEquals("chat_plugin", body(disconnected).get("source").asText());
                assertEquals(
                        "socket-event-site",
                        body(disconnected).get("source_channel_id").asText());
                Frame again = next(client, ofThisChannel);
                assertTrue(again.header("destination").endsWith("/queue/channel/connected"));
                assertTrue(body(again).get("connected").asBoolean());
            }
        }
    }

    @Test
    void a_socket_hears_only_the_destinations_it_subscribed_to() {
        try (StompClient client = operator().subscribe("n", "/queue/unread-count")) {
            String conversationId = server.visitorSends(server.newVisitor(channelId), "just one")
                    .get("conversation_id")
                    .asText();
            Frame frame = next(client, about(conversationId));
            assertEquals("/queue/unread-count", frame.header("destination"));
            assertEquals(null, client.poll(300), "no /queue/message frame without its subscription");
        }
    }

    @Test
    void subscribing_to_an_unknown_destination_is_an_error() {
        try (StompClient client = operator()) {
            client.send("SUBSCRIBE\nid:x\ndestination:/topic/everything\nreceipt:r\n\n\0");
            Frame error = client.next();
            assertEquals("ERROR", error.command());
            assertNotNull(error.header("message"));
            assertTrue(error.header("message").contains("destination"));
        }
    }
}
