package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.stomp.Frame;
import io.parley.support.StompClient;
import io.parley.support.TestServer;
import io.parley.support.TestServer.Visitor;
import io.parley.support.Wait;
import io.parley.support.WebhookReceiver;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** client_message_id: one message per id and conversation, however many times and however at once it is sent. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class IdempotentSendTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int SENDERS = 20;

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    static WebhookReceiver receiver;
    static String channelId;

    @BeforeAll
    static void start() {
        receiver = new WebhookReceiver();
        server.http()
                .operator("/webhooks.subscribe", Map.of("url", receiver.url()))
                .ok();
        channelId = server.connectChannel("idempotent-site").get("id").asText();
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    static JsonNode visitorSend(Visitor visitor, String text, String clientId) {
        return server.http()
                .post(
                        "/chatplugin.send",
                        visitor.token(),
                        Map.of("message", Map.of("text", text), "client_message_id", clientId))
                .ok()
                .json();
    }

    /** All at once: every thread waits at the gate, then sends. */
    static List<JsonNode> concurrently(int count, java.util.function.Supplier<JsonNode> send) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch gate = new CountDownLatch(1);
            List<CompletableFuture<JsonNode>> sends = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                sends.add(CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                gate.await();
                            } catch (InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                            return send.get();
                        },
                        pool));
            }
            gate.countDown();
            List<JsonNode> responses = new ArrayList<>();
            for (CompletableFuture<JsonNode> s : sends) {
                responses.add(s.get(60, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    static JsonNode stored(String conversationId) {
        return server.http()
                .operator("/messages.list", Map.of("conversation_id", conversationId, "page_size", 100))
                .ok()
                .json()
                .get("data");
    }

    @Test
    void twenty_simultaneous_sends_with_one_id_store_deliver_and_post_one_message() throws Exception {
        Visitor visitor = server.newVisitor(channelId);
        String conversationId =
                server.visitorSends(visitor, "first").get("conversation_id").asText();
        try (StompClient socket = StompClient.connect(server.wsUrl("/ws.chatplugin"), visitor.token())
                .subscribe("m", "/queue/message")) {
            List<JsonNode> responses = concurrently(SENDERS, () -> visitorSend(visitor, "once", "retry-1"));
            Set<String> ids = new HashSet<>();
            responses.forEach(r -> ids.add(r.get("id").asText()));
            assertEquals(1, ids.size(), "every response carries the first message: " + ids);
            String id = ids.iterator().next();
            assertEquals("retry-1", responses.get(0).get("client_message_id").asText());

            // a later message marks the end of what the duplicates could have caused
            String marker = server.visitorSends(visitor, "marker").get("id").asText();
            List<String> events = new ArrayList<>();
            while (!events.contains(marker)) {
                Frame frame = socket.next();
                events.add(
                        JSON.readTree(frame.bodyText()).get("message").get("id").asText());
            }
            assertEquals(List.of(id, marker), events);
            Wait.until("marker posted", () -> receiver.deliveredIds().contains(marker));
            assertEquals(1, receiver.deliveredIds().stream().filter(id::equals).count(), "one webhook post");
            JsonNode messages = stored(conversationId);
            assertEquals(3, messages.size(), "first, once, marker: " + messages);
            assertEquals("once", messages.get(1).get("content").asText());
        }
    }

    @Test
    void simultaneous_first_sends_in_a_new_conversation_create_one_message() throws Exception {
        Visitor visitor = server.newVisitor(channelId);
        List<JsonNode> responses = concurrently(SENDERS, () -> visitorSend(visitor, "hello", "first-ever"));
        String id = responses.get(0).get("id").asText();
        responses.forEach(r -> assertEquals(id, r.get("id").asText()));
        assertEquals(1, stored(responses.get(0).get("conversation_id").asText()).size());
    }

    @Test
    void operators_sends_are_idempotent_too_and_ids_are_per_conversation() throws Exception {
        Visitor visitor = server.newVisitor(channelId);
        String conversationId =
                server.visitorSends(visitor, "question").get("conversation_id").asText();
        Map<String, Object> body = Map.of(
                "conversation_id", conversationId, "message", Map.of("text", "answer"), "client_message_id", "op_1");
        List<JsonNode> responses = concurrently(
                5, () -> server.http().operator("/messages.send", body).ok().json());
        String id = responses.get(0).get("id").asText();
        responses.forEach(r -> assertEquals(id, r.get("id").asText()));
        assertEquals("op_1", responses.get(0).get("client_message_id").asText());
        assertEquals(2, stored(conversationId).size());

        // the same id in another conversation is another message
        Visitor other = server.newVisitor(channelId);
        JsonNode elsewhere = visitorSend(other, "question", "op_1");
        assertNotEquals(id, elsewhere.get("id").asText());
        // a different text with a used id is still the first message: the id decides
        assertEquals(
                id,
                server.http()
                        .operator(
                                "/messages.send",
                                Map.of(
                                        "conversation_id",
                                        conversationId,
                                        "message",
                                        Map.of("text", "changed"),
                                        "client_message_id",
                                        "op_1"))
                        .ok()
                        .json()
                        .get("id")
                        .asText());
    }

    @Test
    void a_bad_client_message_id_is_a_400_naming_it() {
        Visitor visitor = server.newVisitor(channelId);
        for (String bad : List.of("", "has space", "x".repeat(65), "ünïcode", "a/b")) {
            assertTrue(server.http()
                    .post(
                            "/chatplugin.send",
                            visitor.token(),
                            Map.of("message", Map.of("text", "x"), "client_message_id", bad))
                    .error(400)
                    .contains("client_message_id"));
        }
        assertEquals(
                "A-z_0-9-" + "x".repeat(56),
                visitorSend(visitor, "ok", "A-z_0-9-" + "x".repeat(56))
                        .get("client_message_id")
                        .asText());
    }
}
