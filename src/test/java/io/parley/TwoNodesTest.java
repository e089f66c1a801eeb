package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.stomp.Frame;
import io.parley.support.StompClient;
import io.parley.support.TwoNodes;
import io.parley.support.Wait;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two nodes on one PostgreSQL database behave as one server: events cross, disconnects apply on both. */
@Tag("postgresql")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TwoNodesTest {
    static final int A = 0;
    static final int B = 1;

    @RegisterExtension
    static final TwoNodes nodes = new TwoNodes();

    @Test
    void a_visitor_sending_on_node_a_receives_its_messages_on_its_socket_on_node_b() {
        String channelId = nodes.connectChannel(A, "two-nodes-visitor");
        String token = nodes.visitor(A, channelId);
        try (StompClient socket = nodes.visitorSocket(B, token)) {
            JsonNode sent = nodes.say(A, token, "sent on A");
            JsonNode received =
                    TwoNodes.body(TwoNodes.nextMessage(socket, m -> true)).get("message");
            assertEquals(sent.get("id"), received.get("id"));
            assertEquals("sent on A", received.get("content").asText());

            JsonNode reply = nodes.post(
                            A,
                            "/messages.send",
                            TwoNodes.API_TOKEN,
                            Map.of(
                                    "conversation_id",
                                    sent.get("conversation_id").asText(),
                                    "message",
                                    Map.of("text", "operator on A")))
                    .ok();
            assertEquals(
                    reply.get("id"),
                    TwoNodes.body(TwoNodes.nextMessage(socket, m -> true))
                            .get("message")
                            .get("id"));
        }
    }

    @Test
    void an_operator_socket_on_node_b_hears_messages_unread_counts_and_channel_changes_from_node_a() {
        try (StompClient operator = StompClient.connect(nodes.wsUrl(B, "/ws.communication"), TwoNodes.API_TOKEN)) {
            operator.subscribe("m", "/queue/message");
            operator.subscribe("u", "/queue/unread-count");
            operator.subscribe("c", "/queue/channel/connected");
            operator.subscribe("d", "/queue/channel/disconnected");

            String channelId = nodes.connectChannel(A, "two-nodes-operator");
            assertEquals(
                    channelId,
                    TwoNodes.body(TwoNodes.nextMessage(
                                    operator,
                                    json -> channelId.equals(json.path("id").asText())))
                            .get("id")
                            .asText());
            String token = nodes.visitor(A, channelId);
            JsonNode sent = nodes.say(A, token, "for the operator on B");
            String conversationId = sent.get("conversation_id").asText();
            Frame message = TwoNodes.nextMessage(
                    operator,
                    json -> conversationId.equals(json.path("conversation_id").asText()));
            assertEquals("/queue/message", message.header("destination"));
            assertEquals(sent.get("id"), TwoNodes.body(message).get("message").get("id"));
            Frame unread = TwoNodes.nextMessage(
                    operator,
                    json -> conversationId.equals(json.path("conversation_id").asText()));
            assertEquals("/queue/unread-count", unread.header("destination"));
            assertEquals(1, TwoNodes.body(unread).get("unread_message_count").asInt());

            nodes.post(A, "/channels.disconnect", TwoNodes.API_TOKEN, Map.of("channel_id", channelId))
                    .ok();
            Frame disconnected = TwoNodes.nextMessage(
                    operator, json -> channelId.equals(json.path("id").asText()));
            assertEquals("/queue/channel/disconnected", disconnected.header("destination"));
        }
    }

    @Test
    void a_disconnect_on_node_a_closes_the_visitor_socket_on_node_b_within_a_second_and_b_refuses_it() {
        String channelId = nodes.connectChannel(A, "two-nodes-disconnect");
        String token = nodes.visitor(B, channelId);
        nodes.say(B, token, "before"); // B has the channel in its cache now
        try (StompClient socket = nodes.visitorSocket(B, token)) {
            nodes.post(A, "/channels.disconnect", TwoNodes.API_TOKEN, Map.of("channel_id", channelId))
                    .ok();
            long responded = System.nanoTime();
            Frame error = socket.poll(1_000);
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - responded);
            assertTrue(error != null, "no ERROR on node B within 1 s of the disconnect on node A");
            assertEquals("ERROR", error.command());
            assertTrue(error.header("message").contains("channel disconnected"), error.header("message"));
            assertTrue(tookMs <= 1_000, "ERROR after " + tookMs + " ms");
            assertTrue(socket.awaitClose(5_000), "socket on node B not closed");
        }
        TwoNodes.Response send = nodes.post(B, "/chatplugin.send", token, Map.of("message", Map.of("text", "after")));
        assertEquals(404, send.status(), "send on node B after the disconnect on node A: " + send.json());
        assertEquals(
                404,
                nodes.post(B, "/chatplugin.authenticate", null, Map.of("channel_id", channelId))
                        .status());
    }

    @Test
    void a_channel_update_disconnect_or_reconnect_on_node_a_applies_on_node_b_before_its_cache_expires() {
        String channelId = nodes.connectChannel(A, "two-nodes-update");
        String site = "https://site.example";
        Map<String, String> authenticate = Map.of("channel_id", channelId);
        assertEquals(
                200,
                nodes.post(B, "/chatplugin.authenticate", null, authenticate, "https://other.example")
                        .status()); // any origin yet: node B caches the channel as it is
        nodes.post(
                        A,
                        "/channels.update",
                        TwoNodes.API_TOKEN,
                        Map.of("channel_id", channelId, "allowed_origins", List.of(site)))
                .ok();
        // B's cache entry would live 5 s: seeing the change well before that takes the invalidation from
        // node A (the 1-second promise itself is timed by the disconnect test; HTTP round trips on a
        // loaded machine get some room here)
        Wait.until(
                "node B refuses the other origin",
                Duration.ofSeconds(3),
                () -> nodes.post(B, "/chatplugin.authenticate", null, authenticate, "https://other.example")
                                .status()
                        == 403);
        assertEquals(
                200,
                nodes.post(B, "/chatplugin.authenticate", null, authenticate, site)
                        .status());

        nodes.post(A, "/channels.disconnect", TwoNodes.API_TOKEN, Map.of("channel_id", channelId))
                .ok();
        Wait.until(
                "node B refuses the disconnected channel",
                Duration.ofSeconds(3),
                () -> nodes.post(B, "/chatplugin.authenticate", null, authenticate, site)
                                .status()
                        == 404);
        nodes.connectChannel(A, "two-nodes-update"); // connected again
        Wait.until(
                "node B accepts the reconnected channel",
                Duration.ofSeconds(3),
                () -> nodes.post(B, "/chatplugin.authenticate", null, authenticate, site)
                                .status()
                        == 200);
    }

    @Test
    void a_message_of_10000_characters_crosses_nodes_though_notify_takes_8000_bytes() {
        String channelId = nodes.connectChannel(A, "two-nodes-large");
        String token = nodes.visitor(A, channelId);
        String text = "é\"".repeat(5_000); // 10,000 characters, 15,000 bytes, more once escaped in JSON
        try (StompClient socket = nodes.visitorSocket(B, token);
                StompClient operator = StompClient.connect(nodes.wsUrl(B, "/ws.communication"), TwoNodes.API_TOKEN)) {
            operator.subscribe("m", "/queue/message");
            JsonNode sent = nodes.say(A, token, text);
            assertEquals(
                    text,
                    TwoNodes.body(TwoNodes.nextMessage(socket, m -> true))
                            .get("message")
                            .get("content")
                            .asText());
            String conversationId = sent.get("conversation_id").asText();
            JsonNode toOperator = TwoNodes.body(TwoNodes.nextMessage(
                    operator,
                    json -> conversationId.equals(json.path("conversation_id").asText())));
            assertEquals(text, toOperator.get("message").get("content").asText());
        }
    }
}
