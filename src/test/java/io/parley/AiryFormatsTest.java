package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.stomp.Frame;
import io.parley.support.StompClient;
import io.parley.support.TestServer;
import io.parley.support.TestServer.Visitor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each channel content format, read the way the Airy widget build it serves reads messages: the
 * send response, the socket event and the history after a reload, visitor and operator sides.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AiryFormatsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final AtomicInteger SITES = new AtomicInteger();

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    /** What a widget build makes of one message: its text, whether it is the visitor's own, and extras. */
    record Rendered(String text, boolean visitorSide, JsonNode quickReplies, String postbackData) {}

    /** Airy's widget of Nov 2020: {@code message.content.text} and {@code message.alignment}. */
    static Rendered nov2020(JsonNode message) {
        JsonNode content = message.get("content");
        assertTrue(content.isObject(), "content must be an object: " + message);
        return new Rendered(
                content.get("text").asText(),
                "RIGHT".equals(message.get("alignment").asText()),
                null,
                null);
    }

    /** Early 2021: {@code JSON.parse(message.content).text}, the visitor's side by {@code sender_type}. */
    static Rendered early2021(JsonNode message) throws Exception {
        assertTrue(message.get("content").isTextual(), "content must be a JSON string: " + message);
        JsonNode content = JSON.readTree(message.get("content").asText());
        return new Rendered(
                content.get("text").asText(),
                "source_contact".equals(message.get("sender_type").asText()),
                content.get("quick_replies"),
                null);
    }

    /** 2022+: every key camel-cased except content's, then fromContact, sentAt and content.*. */
    static Rendered airy2022(JsonNode message) {
        JsonNode camel = camelCase(message);
        assertTrue(camel.get("sentAt").asText().endsWith("Z"), "sentAt: " + camel);
        JsonNode content = camel.get("content");
        assertTrue(content.isObject(), "content must be an object: " + message);
        return new Rendered(
                content.get("text").asText(),
                camel.get("fromContact").asBoolean(),
                content.get("quick_replies"),
                content.has("postbackData") ? content.get("postbackData").asText() : null);
    }

    static JsonNode camelCase(JsonNode node) {
        if (!node.isObject()) {
            return node;
        }
        ObjectNode out = JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var field = it.next();
            String key = field.getKey();
            if (key.equals("content")) {
                out.set(key, field.getValue());
                continue;
            }
            StringBuilder camel = new StringBuilder();
            boolean upper = false;
            for (char c : key.toCharArray()) {
                if (c == '_') {
                    upper = true;
                } else {
                    camel.append(upper ? Character.toUpperCase(c) : c);
                    upper = false;
                }
            }
            out.set(camel.toString(), camelCase(field.getValue()));
        }
        return out;
    }

    @FunctionalInterface
    interface Reader {
        Rendered read(JsonNode message) throws Exception;
    }

    /** The visitor writes, the operator answers with quick replies; every visitor-facing copy is read. */
    static List<Rendered> chat(String format, Reader reader) throws Exception {
        String channelId = server.http()
                .operator(
                        "/channels.connect",
                        Map.of(
                                "source",
                                "chat_plugin",
                                "source_channel_id",
                                "airy-" + format + "-" + SITES.incrementAndGet(),
                                "content_format",
                                format))
                .ok()
                .json()
                .get("id")
                .asText();
        Visitor visitor = server.newVisitor(channelId);
        List<Rendered> seen = new ArrayList<>();
        try (StompClient socket = StompClient.connect(server.wsUrl("/ws.chatplugin"), visitor.token())
                .subscribe("m", "/queue/message")) {
            JsonNode sent = server.visitorSends(visitor, "Hello");
            seen.add(reader.read(sent));
            String conversationId = sent.get("conversation_id").asText();
            server.http()
                    .operator(
                            "/messages.send",
                            Map.of(
                                    "conversation_id",
                                    conversationId,
                                    "message",
                                    Map.of(
                                            "text",
                                            "Which size?",
                                            "quick_replies",
                                            List.of(Map.of("title", "Small", "payload", "S")))))
                    .ok();
            for (int i = 0; i < 2; i++) {
                Frame event = socket.next();
                seen.add(reader.read(JSON.readTree(event.bodyText()).get("message")));
            }
            String resume = server.http()
                    .post("/chatplugin.resumeToken", visitor.token(), Map.of())
                    .ok()
                    .json()
                    .get("resume_token")
                    .asText();
            JsonNode history = server.http()
                    .post("/chatplugin.authenticate", null, Map.of("resume_token", resume))
                    .ok()
                    .json()
                    .get("messages");
            for (JsonNode message : history) {
                seen.add(reader.read(message));
            }
        }
        return seen;
    }

    static void assertConversationReads(List<Rendered> seen) {
        // send response, the two socket events, the two messages of the history
        assertEquals(5, seen.size());
        assertEquals(
                List.of("Hello", "Hello", "Which size?", "Hello", "Which size?"),
                seen.stream().map(Rendered::text).toList());
        assertEquals(
                List.of(true, true, false, true, false),
                seen.stream().map(Rendered::visitorSide).toList());
    }

    @Test
    void the_nov_2020_widget_reads_content_text_and_alignment_with_format_airy() throws Exception {
        assertConversationReads(chat("airy", AiryFormatsTest::nov2020));
    }

    @Test
    void the_early_2021_widget_parses_content_and_reads_sender_type_with_format_airy_2021() throws Exception {
        List<Rendered> seen = chat("airy-2021", AiryFormatsTest::early2021);
        assertConversationReads(seen);
        assertEquals("S", seen.get(2).quickReplies().get(0).get("payload").asText());
    }

    @Test
    void the_2022_widget_reads_camel_cased_keys_and_quick_replies_inside_content_with_format_airy() throws Exception {
        List<Rendered> seen = chat("airy", AiryFormatsTest::airy2022);
        assertConversationReads(seen);
        JsonNode replies = seen.get(4).quickReplies();
        assertEquals(1, replies.size());
        assertEquals("Small", replies.get(0).get("title").asText());
        assertEquals("S", replies.get(0).get("payload").asText());
    }

    @Test
    void airy_2021_messages_carry_delivery_state_equal_to_state_and_sender() {
        String channelId = server.http()
                .operator(
                        "/channels.connect",
                        Map.of("source", "chat_plugin", "source_channel_id", "airy-ds", "content_format", "airy-2021"))
                .ok()
                .json()
                .get("id")
                .asText();
        JsonNode sent = server.visitorSends(server.newVisitor(channelId), "Hi");
        assertEquals(sent.get("state").asText(), sent.get("delivery_state").asText());
        assertEquals("contact", sent.get("sender").get("type").asText());
        for (String field : List.of("id", "content", "state", "alignment", "sent_at")) {
            assertTrue(sent.has(field), field + " missing: " + sent);
        }
    }

    @Test
    void the_2022_widget_quick_reply_click_is_stored_as_a_postback_and_shown_as_postback_data() throws Exception {
        String channelId = server.http()
                .operator(
                        "/channels.connect",
                        Map.of("source", "chat_plugin", "source_channel_id", "airy-pb", "content_format", "airy"))
                .ok()
                .json()
                .get("id")
                .asText();
        Visitor visitor = server.newVisitor(channelId);
        JsonNode sent = server.http()
                .post(
                        "/chatplugin.send",
                        visitor.token(),
                        Map.of("message", Map.of("text", "Small", "postbackData", "S")))
                .ok()
                .json();
        Rendered rendered = airy2022(sent);
        assertEquals("Small", rendered.text());
        assertEquals("S", rendered.postbackData());
        JsonNode stored = server.http()
                .operator(
                        "/messages.list",
                        Map.of("conversation_id", sent.get("conversation_id").asText()))
                .ok()
                .json()
                .get("data")
                .get(0);
        assertEquals("S", stored.get("postback").get("payload").asText());
        assertEquals("Small", stored.get("content").asText(), "the operator API keeps the text format");
    }

    @Test
    void the_text_format_keeps_content_a_string_and_adds_the_sender() {
        String channelId = server.connectChannel("airy-text").get("id").asText();
        assertEquals(
                "text",
                server.http()
                        .operator("/channels.info", Map.of("channel_id", channelId))
                        .ok()
                        .json()
                        .get("content_format")
                        .asText());
        JsonNode sent = server.visitorSends(server.newVisitor(channelId), "Plain");
        assertEquals("Plain", sent.get("content").asText());
        assertTrue(sent.get("content").isTextual());
        assertEquals("RIGHT", sent.get("alignment").asText());
        assertEquals("contact", sent.get("sender").get("type").asText());
        assertFalse(sent.has("sender_type"));
    }

    @Test
    void content_format_is_set_by_update_and_another_value_is_a_400_naming_it() {
        String channelId = server.connectChannel("airy-update").get("id").asText();
        JsonNode updated = server.http()
                .operator("/channels.update", Map.of("channel_id", channelId, "content_format", "airy-2021"))
                .ok()
                .json();
        assertEquals("airy-2021", updated.get("content_format").asText());
        JsonNode sent = server.visitorSends(server.newVisitor(channelId), "Now a string");
        assertTrue(sent.get("content").isTextual());
        assertTrue(sent.get("content").asText().contains("\"text\":\"Now a string\""));
        assertTrue(server.http()
                .operator("/channels.update", Map.of("channel_id", channelId, "content_format", "html"))
                .error(400)
                .contains("content_format"));
        assertTrue(server.http()
                .operator(
                        "/channels.connect",
                        Map.of("source", "chat_plugin", "source_channel_id", "airy-bad", "content_format", "AIRY"))
                .error(400)
                .contains("content_format"));
        assertEquals(
                "airy-2021",
                server.http()
                        .operator("/channels.info", Map.of("channel_id", channelId))
                        .ok()
                        .json()
                        .get("content_format")
                        .asText(),
                "a refused update changes nothing");
    }

    @Test
    void the_widget_is_also_served_where_airys_2021_snippet_loads_it() {
        var airyPath = server.http().get("/chatplugin/ui/s.js");
        assertEquals(200, airyPath.status());
        assertEquals(server.http().get("/s.js").body(), airyPath.body());
    }
}
