package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.stomp.Frame;
import io.parley.support.Paging;
import io.parley.support.StompClient;
import io.parley.support.TestServer;
import io.parley.support.TestServer.Visitor;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MessageApiTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    static String channelId;

    @BeforeAll
    static void start() {
        channelId = server.connectChannel("message-site").get("id").asText();
    }

    static JsonNode reply(String conversationId, String text) {
        return server.http()
                .operator("/messages.send", Map.of("conversation_id", conversationId, "message", Map.of("text", text)))
                .ok()
                .json();
    }

    static JsonNode messages(String conversationId, String cursor, int pageSize) {
        Map<String, Object> body = new HashMap<>(Map.of("conversation_id", conversationId, "page_size", pageSize));
        if (cursor != null) {
            body.put("cursor", cursor);
        }
        return server.http().operator("/messages.list", body).ok().json();
    }

    static List<String> contents(List<JsonNode> messages) {
        return messages.stream().map(message -> message.get("content").asText()).toList();
    }

    static List<JsonNode> data(JsonNode page) {
        List<JsonNode> items = new ArrayList<>();
        page.get("data").forEach(items::add);
        return items;
    }

    @Test
    void messages_list_is_oldest_first_in_the_operator_view() {
        Visitor visitor = server.newVisitor(channelId);
        String conversationId =
                server.visitorSends(visitor, "one").get("conversation_id").asText();
        reply(conversationId, "two");
        server.visitorSends(visitor, "three");
        JsonNode page = messages(conversationId, null, 20);
        List<JsonNode> items = data(page);
        assertEquals(List.of("one", "two", "three"), contents(items));
        assertEquals(
                List.of("LEFT", "RIGHT", "LEFT"),
                items.stream().map(m -> m.get("alignment").asText()).toList());
        assertEquals(
                List.of(true, false, true),
                items.stream().map(m -> m.get("from_contact").asBoolean()).toList());
        assertEquals("operator", items.get(1).get("sender").get("id").asText());
        for (JsonNode message : items) {
            for (String field : List.of("id", "content", "state", "alignment", "sent_at")) {
                assertTrue(message.has(field), field + " in " + message);
            }
        }
        JsonNode metadata = page.get("response_metadata");
        assertEquals("", metadata.get("previous_cursor").asText());
        assertEquals("", metadata.get("next_cursor").asText());
        assertEquals(3, metadata.get("filtered_total").asInt());
        assertEquals(3, metadata.get("total").asInt());
        assertFalse(metadata.has("badge_unread_count"));
    }

    @Test
    void messages_list_pages_forwards_and_back_while_messages_arrive() throws Exception {
        Visitor visitor = server.newVisitor(channelId);
        String conversationId = server.visitorSends(visitor, "existing 00")
                .get("conversation_id")
                .asText();
        List<String> existing = new ArrayList<>(List.of("existing 00"));
        for (int i = 1; i < 23; i++) {
            String text = String.format("existing %02d", i);
            if (i % 3 == 0) {
                reply(conversationId, text);
            } else {
                server.visitorSends(visitor, text);
            }
            existing.add(text);
        }
        AtomicBoolean walking = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            for (int i = 0; walking.get() && i < 40; i++) {
                server.visitorSends(visitor, "concurrent " + i);
            }
        });
        writer.start();
        try {
            Runnable between = () -> reply(conversationId, "between pages");
            var forwards = Paging.forwards(cursor -> messages(conversationId, cursor, 4), between);
            assertNoDuplicates(Paging.ids(forwards.items()));
            List<String> seen = contents(forwards.items());
            assertEquals(existing, seen.subList(0, existing.size()), "every message that existed, once, in order");

            List<JsonNode> back = new ArrayList<>(Paging.backwards(
                    cursor -> messages(conversationId, cursor, 4), forwards.previousCursorOfLastPage(), between));
            back.addAll(data(forwards.lastPage()));
            assertNoDuplicates(Paging.ids(back));
            assertEquals(existing, contents(back).subList(0, existing.size()), "and again on the way back");
        } finally {
            walking.set(false);
            writer.join();
        }
    }

    @Test
    void the_first_page_starts_at_the_oldest_message_and_page_size_is_bounded() {
        Visitor visitor = server.newVisitor(channelId);
        String conversationId =
                server.visitorSends(visitor, "m0").get("conversation_id").asText();
        for (int i = 1; i < 25; i++) {
            server.visitorSends(visitor, "m" + i);
        }
        JsonNode first = server.http()
                .operator("/messages.list", Map.of("conversation_id", conversationId))
                .ok()
                .json();
        assertEquals(20, first.get("data").size(), "20 by default");
        assertEquals("m0", first.get("data").get(0).get("content").asText());
        assertEquals("", first.get("response_metadata").get("previous_cursor").asText());
        JsonNode rest = messages(
                conversationId,
                first.get("response_metadata").get("next_cursor").asText(),
                20);
        assertEquals(List.of("m20", "m21", "m22", "m23", "m24"), contents(data(rest)));
        assertEquals("", rest.get("response_metadata").get("next_cursor").asText());
        JsonNode back = messages(
                conversationId,
                rest.get("response_metadata").get("previous_cursor").asText(),
                3);
        assertEquals(List.of("m17", "m18", "m19"), contents(data(back)));
        assertEquals(25, messages(conversationId, null, 100).get("data").size());
        for (Object bad : new Object[] {0, 101, "10", 1.5, false}) {
            String message = server.http()
                    .operator("/messages.list", Map.of("conversation_id", conversationId, "page_size", bad))
                    .error(400);
            assertTrue(message.contains("page_size"), bad + ": " + message);
        }
    }

    @Test
    void messages_list_refuses_unknown_conversations_bad_ids_and_bad_cursors() {
        var http = server.http();
        http.operator(
                        "/messages.list",
                        Map.of("conversation_id", UUID.randomUUID().toString()))
                .error(404);
        assertTrue(http.operator("/messages.list", Map.of()).error(400).contains("conversation_id"));
        assertTrue(http.operator("/messages.list", Map.of("conversation_id", "x"))
                .error(400)
                .contains("conversation_id"));
        String conversationId = server.visitorSends(server.newVisitor(channelId), "hi")
                .get("conversation_id")
                .asText();
        String conversationCursor = Base64.getUrlEncoder().withoutPadding().encodeToString("ca:5".getBytes());
        for (Object bad : new Object[] {"nonsense", conversationCursor, 3, List.of()}) {
            String message = http.operator("/messages.list", Map.of("conversation_id", conversationId, "cursor", bad))
                    .error(400);
            assertTrue(message.contains("cursor"), bad + ": " + message);
        }
    }

    @Test
    void messages_send_returns_the_committed_message_in_the_operator_view() {
        Visitor visitor = server.newVisitor(channelId);
        String conversationId =
                server.visitorSends(visitor, "hello?").get("conversation_id").asText();
        JsonNode sent = reply(conversationId, "Hello, how can I help?");
        UUID.fromString(sent.get("id").asText());
        assertEquals("Hello, how can I help?", sent.get("content").asText());
        assertEquals("DELIVERED", sent.get("state").asText());
        assertEquals("RIGHT", sent.get("alignment").asText());
        assertTrue(sent.get("sent_at").asText().matches(ConversationApiTest.ISO_MILLIS));
        assertEquals(conversationId, sent.get("conversation_id").asText());
        assertFalse(sent.get("from_contact").asBoolean());
        assertEquals(sent, data(messages(conversationId, null, 20)).get(1), "what was returned is what is stored");
    }

    @Test
    void a_reply_reaches_every_tab_of_that_visitor_aligned_left_and_no_other_visitor() throws Exception {
        Visitor alice = server.newVisitor(channelId);
        Visitor bob = server.newVisitor(channelId);
        String aliceConversation =
                server.visitorSends(alice, "I need help").get("conversation_id").asText();
        server.visitorSends(bob, "me too");
        String url = server.wsUrl("/ws.chatplugin");
        try (StompClient tab1 = StompClient.connect(url, alice.token()).subscribe("a", "/queue/message");
                StompClient tab2 = StompClient.connect(url, alice.token()).subscribe("b", "/user/queue/message");
                StompClient other = StompClient.connect(url, bob.token()).subscribe("c", "/queue/message")) {
            JsonNode sent = reply(aliceConversation, "Here to help, Alice");
            for (StompClient tab : List.of(tab1, tab2)) {
                Frame frame = tab.next();
                assertEquals("MESSAGE", frame.command());
                JsonNode message = JSON.readTree(frame.bodyText()).get("message");
                assertEquals(sent.get("id"), message.get("id"));
                assertEquals("Here to help, Alice", message.get("content").asText());
                assertEquals("LEFT", message.get("alignment").asText(), "the visitor sees the operator on the left");
                assertEquals("DELIVERED", message.get("state").asText());
                assertEquals(sent.get("sent_at"), message.get("sent_at"));
            }
            assertNull(other.poll(500), "bob must not receive a reply meant for alice");
        }
        JsonNode history = server.http()
                .post("/chatplugin.authenticate", null, Map.of("resume_token", resumeToken(alice)))
                .ok()
                .json()
                .get("messages");
        assertEquals("Here to help, Alice", history.get(1).get("content").asText());
        assertEquals("LEFT", history.get(1).get("alignment").asText());
    }

    @Test
    void messages_send_validates_the_text_like_the_chat_plugin() {
        String conversationId = server.visitorSends(server.newVisitor(channelId), "hi")
                .get("conversation_id")
                .asText();
        var http = server.http();
        for (Object bad : new Object[] {"   ", "x".repeat(10_001), 5, "ring\u0007bell"}) {
            String message = http.operator(
                            "/messages.send", Map.of("conversation_id", conversationId, "message", Map.of("text", bad)))
                    .error(400);
            assertTrue(message.contains("text"), message);
        }
        assertTrue(http.operator("/messages.send", Map.of("conversation_id", conversationId, "message", Map.of()))
                .error(400)
                .contains("message.text"));
        assertTrue(http.operator("/messages.send", Map.of("conversation_id", conversationId))
                .error(400)
                .contains("message"));
        assertTrue(http.operator("/messages.send", Map.of("conversation_id", conversationId, "message", "hi"))
                .error(400)
                .contains("message"));
        assertTrue(http.operator("/messages.send", Map.of("message", Map.of("text", "hi")))
                .error(400)
                .contains("conversation_id"));
        assertEquals(
                10_000,
                reply(conversationId, "y".repeat(10_000))
                        .get("content")
                        .asText()
                        .length());
        assertEquals(2, messages(conversationId, null, 20).get("data").size(), "nothing half-written");
    }

    @Test
    void messages_send_to_an_unknown_conversation_is_404_and_to_a_disconnected_channel_400() {
        server.http()
                .operator(
                        "/messages.send",
                        Map.of("conversation_id", UUID.randomUUID().toString(), "message", Map.of("text", "anyone?")))
                .error(404);
        String site = server.connectChannel("message-closing-site").get("id").asText();
        String conversationId = server.visitorSends(server.newVisitor(site), "bye")
                .get("conversation_id")
                .asText();
        server.http().operator("/channels.disconnect", Map.of("channel_id", site));
        String message = server.http()
                .operator(
                        "/messages.send",
                        Map.of("conversation_id", conversationId, "message", Map.of("text", "come back")))
                .error(400);
        assertTrue(message.contains("channel is disconnected"), message);
        assertEquals(1, messages(conversationId, null, 20).get("data").size(), "history stays readable, nothing added");
    }

    static String resumeToken(Visitor visitor) {
        return server.http()
                .post("/chatplugin.resumeToken", visitor.token(), Map.of())
                .ok()
                .json()
                .get("resume_token")
                .asText();
    }

    static void assertNoDuplicates(List<String> ids) {
        assertEquals(ids.size(), new HashSet<>(ids).size(), () -> "duplicates in " + ids);
    }
}
