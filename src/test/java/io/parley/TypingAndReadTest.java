package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.stomp.Frame;
import io.parley.support.StompClient;
import io.parley.support.TestServer;
import io.parley.support.TestServer.Visitor;
import io.parley.support.Wait;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TypingAndReadTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String TYPING = "SEND\ndestination:/app/typing\n\n\0";

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    /** A visitor with a stored conversation (it has sent one message) and a socket hearing everything. */
    record Chat(Visitor visitor, String conversationId, String contactId, StompClient socket) implements AutoCloseable {
        @Override
        public void close() {
            socket.close();
        }
    }

    static Chat chat(String site) {
        String channelId = server.connectChannel(site).get("id").asText();
        Visitor visitor = server.newVisitor(channelId);
        JsonNode first = server.visitorSends(visitor, "hello");
        return new Chat(
                visitor,
                first.get("conversation_id").asText(),
                first.at("/sender/id").asText(),
                visitorSocket(visitor));
    }

    static StompClient visitorSocket(Visitor visitor) {
        return StompClient.connect(server.wsUrl("/ws.chatplugin"), visitor.token())
                .subscribe("m", "/queue/message")
                .subscribe("t", "/queue/typing")
                .subscribe("r", "/queue/read");
    }

    static StompClient operatorSocket() {
        return StompClient.connect(server.wsUrl("/ws.communication"), server.apiToken())
                .subscribe("m", "/queue/message")
                .subscribe("t", "/queue/typing")
                .subscribe("r", "/queue/read");
    }

    static JsonNode body(Frame frame) {
        try {
            return JSON.readTree(frame.bodyText());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The next MESSAGE frame that matches, skipping other conversations' events; ERRORs fail. */
    static Frame next(StompClient client, Predicate<JsonNode> matching) {
        while (true) {
            Frame frame = client.next();
            assertEquals("MESSAGE", frame.command(), () -> "unexpected " + frame.command() + " " + frame.headers());
            if (matching.test(body(frame))) {
                return frame;
            }
        }
    }

    static Predicate<JsonNode> about(Chat chat) {
        return json -> chat.conversationId().equals(json.path("conversation_id").asText())
                || chat.conversationId()
                        .equals(json.at("/message/conversation_id").asText());
    }

    /**
     * Sends the frames and a harmless frame asking for a RECEIPT, which comes once the frames
     * before it were handled; passes over events of earlier tests still arriving.
     */
    static void receipt(StompClient client, String frames, String receipt) {
        client.send(frames + "UNSUBSCRIBE\nid:none\nreceipt:" + receipt + "\n\n\0");
        Frame answer = client.next();
        while (answer.command().equals("MESSAGE")) {
            answer = client.next();
        }
        Frame last = answer;
        assertEquals("RECEIPT", last.command(), () -> last.headers().toString());
    }

    @Test
    void visitor_typing_reaches_operators_once_a_second_at_most_and_never_the_visitors_own_sockets() {
        try (Chat chat = chat("typing-visitor");
                StompClient operator = operatorSocket();
                StompClient otherTab = visitorSocket(chat.visitor())) {
            Instant before = Instant.now();
            receipt(chat.socket(), TYPING + TYPING + TYPING, "typed");

            Frame typing = next(operator, about(chat));
            assertEquals("/queue/typing", typing.header("destination"));
            JsonNode event = body(typing);
            assertEquals(chat.visitor().channelId(), event.get("channel_id").asText());
            assertEquals(chat.contactId(), event.at("/sender/id").asText());
            assertEquals("contact", event.at("/sender/type").asText());
            Instant expires = Instant.parse(event.get("expires_at").asText());
            assertTrue(
                    expires.isAfter(before.plusSeconds(4))
                            && expires.isBefore(Instant.now().plusSeconds(6)),
                    expires::toString);

            server.visitorSends(chat.visitor(), "marker");
            assertEquals(
                    "/queue/message", next(operator, about(chat)).header("destination"), "the repeats were dropped");
            assertEquals("/queue/message", chat.socket().next().header("destination"), "the sender hears no typing");
            assertEquals("/queue/message", otherTab.next().header("destination"), "nor do its other tabs");
        }
    }

    @Test
    void typing_again_after_a_second_moves_expires_at_on() {
        try (Chat chat = chat("typing-again");
                StompClient operator = operatorSocket()) {
            chat.socket().send(TYPING);
            Instant first = Instant.parse(
                    body(next(operator, about(chat))).get("expires_at").asText());
            AtomicReference<Frame> second = new AtomicReference<>();
            Wait.until("a repeated typing is relayed", Duration.ofSeconds(20), () -> {
                chat.socket().send(TYPING);
                Frame frame = operator.poll(200);
                if (frame != null && about(chat).test(body(frame))) {
                    second.set(frame);
                }
                return second.get() != null;
            });
            Instant later = Instant.parse(body(second.get()).get("expires_at").asText());
            assertTrue(later.isAfter(first.plusMillis(900)), first + " then " + later);
        }
    }

    @Test
    void operator_typing_over_the_socket_or_http_reaches_the_visitor_and_not_the_operators() {
        try (Chat chat = chat("typing-operator");
                StompClient operator = operatorSocket()) {
            receipt(
                    operator,
                    "SEND\ndestination:/app/typing\n\n{\"conversation_id\":\"" + chat.conversationId() + "\"}\0",
                    "op-typed");
            JsonNode event = body(chat.socket().next());
            assertEquals("operator", event.at("/sender/type").asText());
            assertEquals("operator", event.at("/sender/id").asText());
            assertEquals("Operator", event.at("/sender/name").asText());
            assertTrue(event.has("expires_at"));
            assertFalse(event.has("conversation_id"), "the visitor's own conversation needs no id");

            server.http()
                    .operator(
                            "/messages.send",
                            Map.of("conversation_id", chat.conversationId(), "message", Map.of("text", "hi")))
                    .ok();
            assertEquals("/queue/message", next(operator, about(chat)).header("destination"), "no echo to operators");

            var bot = server.http().operator("/conversations.typing", Map.of("conversation_id", chat.conversationId()));
            assertEquals(202, bot.status());
            assertEquals("/queue/message", chat.socket().next().header("destination"), "the operator's message");
            assertEquals("/queue/typing", chat.socket().next().header("destination"), "the bot's typing");
        }
    }

    @Test
    void a_bad_send_is_an_error_that_keeps_the_connection_open() {
        try (StompClient operator = operatorSocket()) {
            operator.send("SEND\ndestination:/app/other\n\n\0");
            Frame unknown = operator.next();
            assertEquals("ERROR", unknown.command());
            assertTrue(unknown.header("message").contains("/app/typing"), unknown.header("message"));

            operator.send("SEND\ndestination:/app/typing\n\n{\"conversation_id\":\"nope\"}\0");
            Frame invalid = operator.next();
            assertEquals("ERROR", invalid.command());
            assertTrue(invalid.header("message").contains("conversation_id"), invalid.header("message"));

            operator.send(
                    "SEND\ndestination:/app/typing\n\n{\"conversation_id\":\"" + java.util.UUID.randomUUID() + "\"}\0");
            assertTrue(operator.next().header("message").contains("404"));

            operator.subscribe("still", "/queue/unread-count");
            assertFalse(operator.isClosed());
        }
        server.http()
                .operator(
                        "/conversations.typing",
                        Map.of("conversation_id", java.util.UUID.randomUUID().toString()))
                .error(404);
    }

    @Test
    void reading_tells_the_other_side_and_is_kept_on_the_conversation() {
        try (Chat chat = chat("read-state");
                StompClient operator = operatorSocket()) {
            receipt(chat.socket(), "SEND\ndestination:/app/read\n\n\0", "read");
            JsonNode read = body(next(operator, about(chat)));
            assertEquals("contact", read.get("reader").asText());
            JsonNode info = info(chat);
            assertEquals(read.get("read_at"), info.get("contact_last_read_at"));
            assertTrue(info.get("operator_last_read_at").isNull());

            assertEquals(
                    202,
                    server.http()
                            .post("/chatplugin.read", chat.visitor().token(), "{}")
                            .status());
            assertEquals(
                    "contact", body(next(operator, about(chat))).get("reader").asText());

            assertEquals(
                    202,
                    server.http()
                            .operator("/conversations.read", Map.of("conversation_id", chat.conversationId()))
                            .status());
            JsonNode receipt = body(chat.socket().next());
            assertEquals("operator", receipt.get("reader").asText());
            assertEquals(receipt.get("read_at"), info(chat).get("operator_last_read_at"));
        }
    }

    @Test
    void a_channel_without_read_receipts_never_tells_the_visitor_it_was_read() {
        try (Chat chat = chat("read-hidden")) {
            server.http()
                    .operator(
                            "/channels.update",
                            Map.of("channel_id", chat.visitor().channelId(), "widget", Map.of("read_receipts", false)))
                    .ok();
            server.http().operator("/conversations.read", Map.of("conversation_id", chat.conversationId()));
            assertFalse(info(chat).get("operator_last_read_at").isNull(), "still recorded for operators");
            server.http()
                    .operator(
                            "/messages.send",
                            Map.of("conversation_id", chat.conversationId(), "message", Map.of("text", "after")))
                    .ok();
            assertEquals("/queue/message", chat.socket().next().header("destination"), "no read receipt before it");
        }
    }

    @Test
    void authenticating_again_tells_the_widget_when_the_operators_last_read_unless_receipts_are_hidden() {
        try (Chat chat = chat("read-reload")) {
            assertTrue(reauthenticate(chat).get("operator_last_read_at").isNull(), "never read yet");
            assertEquals(
                    202,
                    server.http()
                            .operator("/conversations.read", Map.of("conversation_id", chat.conversationId()))
                            .status());
            JsonNode readAt = info(chat).get("operator_last_read_at");
            assertFalse(readAt.isNull());
            assertEquals(readAt, reauthenticate(chat).get("operator_last_read_at"));

            server.http()
                    .operator(
                            "/channels.update",
                            Map.of("channel_id", chat.visitor().channelId(), "widget", Map.of("read_receipts", false)))
                    .ok();
            JsonNode hidden = reauthenticate(chat);
            assertTrue(hidden.has("operator_last_read_at")
                    && hidden.get("operator_last_read_at").isNull());
        }
        JsonNode fresh = server.http()
                .post(
                        "/chatplugin.authenticate",
                        null,
                        Map.of(
                                "channel_id",
                                server.connectChannel("read-new").get("id").asText()))
                .ok()
                .json();
        assertTrue(fresh.has("operator_last_read_at")
                && fresh.get("operator_last_read_at").isNull());
    }

    /** A reload: the widget authenticates again with the resume token it kept. */
    static JsonNode reauthenticate(Chat chat) {
        String resume = server.http()
                .post("/chatplugin.resumeToken", chat.visitor().token(), "{}")
                .ok()
                .json()
                .get("resume_token")
                .asText();
        return server.http()
                .post("/chatplugin.authenticate", null, Map.of("resume_token", resume))
                .ok()
                .json();
    }

    static JsonNode info(Chat chat) {
        return server.http()
                .operator("/conversations.info", Map.of("conversation_id", chat.conversationId()))
                .ok()
                .json();
    }
}
