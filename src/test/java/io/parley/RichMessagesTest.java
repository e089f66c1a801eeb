package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.support.StompClient;
import io.parley.support.TestServer;
import io.parley.support.TestServer.Visitor;
import io.parley.support.Wait;
import io.parley.support.WebhookReceiver;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sender on every API, quick replies and postbacks, and what a message without text needs. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RichMessagesTest {
    static final ObjectMapper JSON = new ObjectMapper();

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
        channelId = server.connectChannel("rich-site").get("id").asText();
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    static JsonNode reply(String conversationId, Map<String, Object> message) {
        return server.http()
                .operator("/messages.send", Map.of("conversation_id", conversationId, "message", message))
                .ok()
                .json();
    }

    static String replyError(String conversationId, Map<String, Object> message) {
        return server.http()
                .operator("/messages.send", Map.of("conversation_id", conversationId, "message", message))
                .error(400);
    }

    static JsonNode webhookFor(String messageId) {
        Wait.until("webhook of " + messageId, () -> receiver.deliveredIds().contains(messageId));
        return receiver.delivered().stream()
                .filter(r -> r.id().equals(messageId))
                .findFirst()
                .orElseThrow()
                .json();
    }

    static void assertOperator(JsonNode sender) {
        assertEquals("operator", sender.get("id").asText());
        assertEquals("operator", sender.get("type").asText());
        assertEquals("Operator", sender.get("name").asText());
        assertFalse(sender.has("email"));
    }

    @Test
    void every_api_and_event_names_the_sender_and_its_type() throws Exception {
        Visitor visitor = server.newVisitor(channelId);
        try (StompClient operators = StompClient.connect(server.wsUrl("/ws.communication"), server.apiToken())
                        .subscribe("m", "/queue/message");
                StompClient visitorSocket = StompClient.connect(server.wsUrl("/ws.chatplugin"), visitor.token())
                        .subscribe("m", "/queue/message")) {
            JsonNode sent = server.visitorSends(visitor, "Hello");
            String conversationId = sent.get("conversation_id").asText();
            String contactId = sent.get("sender").get("id").asText();
            assertEquals("contact", sent.get("sender").get("type").asText());
            JsonNode answer = reply(conversationId, Map.of("text", "Hi"));
            assertOperator(answer.get("sender"));

            JsonNode contactEvent = JSON.readTree(operators.next().bodyText()).get("message");
            assertEquals("contact", contactEvent.get("sender").get("type").asText());
            assertEquals(contactId, contactEvent.get("sender").get("id").asText());
            assertOperator(
                    JSON.readTree(operators.next().bodyText()).get("message").get("sender"));
            visitorSocket.next();
            assertOperator(JSON.readTree(visitorSocket.next().bodyText())
                    .get("message")
                    .get("sender"));

            JsonNode list = server.http()
                    .operator("/messages.list", Map.of("conversation_id", conversationId))
                    .ok()
                    .json()
                    .get("data");
            assertEquals("contact", list.get(0).get("sender").get("type").asText());
            assertOperator(list.get(1).get("sender"));
            JsonNode info = server.http()
                    .operator("/conversations.info", Map.of("conversation_id", conversationId))
                    .ok()
                    .json();
            assertOperator(info.get("last_message").get("sender"));

            JsonNode hook = webhookFor(answer.get("id").asText());
            assertEquals("operator", hook.get("sender").get("type").asText());
            assertEquals(
                    "contact",
                    webhookFor(sent.get("id").asText())
                            .get("sender")
                            .get("type")
                            .asText());
        }
    }

    @Test
    void quick_replies_reach_every_reader_and_the_chosen_one_comes_back_as_a_postback() {
        Visitor visitor = server.newVisitor(channelId);
        String conversationId =
                server.visitorSends(visitor, "Need help").get("conversation_id").asText();
        List<Map<String, String>> replies =
                List.of(Map.of("title", "Yes", "payload", "YES"), Map.of("title", "No", "payload", "NO"));
        JsonNode offer = reply(conversationId, Map.of("text", "Shall we call you?", "quick_replies", replies));
        assertEquals("YES", offer.get("quick_replies").get(0).get("payload").asText());
        JsonNode hook = webhookFor(offer.get("id").asText());
        assertEquals("No", hook.get("quick_replies").get(1).get("title").asText());

        JsonNode click = server.http()
                .post(
                        "/chatplugin.send",
                        visitor.token(),
                        Map.of("message", Map.of("text", "Yes", "postback", Map.of("payload", "YES"))))
                .ok()
                .json();
        assertEquals("YES", click.get("postback").get("payload").asText());
        JsonNode clickHook = webhookFor(click.get("id").asText());
        assertEquals("YES", clickHook.get("postback").get("payload").asText());
        assertEquals("contact", clickHook.get("sender").get("type").asText());
        assertEquals("Yes", clickHook.get("text").asText());
        assertFalse(clickHook.has("quick_replies"));
    }

    @Test
    void quick_replies_are_validated_field_by_field() {
        Visitor visitor = server.newVisitor(channelId);
        String conversationId =
                server.visitorSends(visitor, "Validate").get("conversation_id").asText();
        List<Map<String, String>> eleven = Collections.nCopies(11, Map.of("title", "t", "payload", "p"));
        assertTrue(replyError(conversationId, Map.of("text", "x", "quick_replies", eleven))
                .contains("message.quick_replies"));
        assertTrue(replyError(
                        conversationId,
                        Map.of("text", "x", "quick_replies", List.of(Map.of("title", "t".repeat(41), "payload", "p"))))
                .contains("message.quick_replies[0].title"));
        assertTrue(replyError(
                        conversationId,
                        Map.of("text", "x", "quick_replies", List.of(Map.of("title", " ", "payload", "p"))))
                .contains("message.quick_replies[0].title"));
        assertTrue(replyError(
                        conversationId,
                        Map.of(
                                "text",
                                "x",
                                "quick_replies",
                                List.of(
                                        Map.of("title", "ok", "payload", "p"),
                                        Map.of("title", "t", "payload", "p".repeat(1001)))))
                .contains("message.quick_replies[1].payload"));
        assertTrue(replyError(conversationId, Map.of("text", "x", "quick_replies", List.of(Map.of("title", "t"))))
                .contains("message.quick_replies[0].payload"));
        // the limits themselves are accepted
        List<Map<String, String>> ten =
                Collections.nCopies(10, Map.of("title", "t".repeat(40), "payload", "p".repeat(1000)));
        assertEquals(
                10,
                reply(conversationId, Map.of("text", "x", "quick_replies", ten))
                        .get("quick_replies")
                        .size());
        assertTrue(server.http()
                .post(
                        "/chatplugin.send",
                        visitor.token(),
                        Map.of(
                                "message",
                                Map.of("text", "x", "quick_replies", List.of(Map.of("title", "t", "payload", "p")))))
                .error(400)
                .contains("message.quick_replies"));
        assertTrue(replyError(conversationId, Map.of("text", "x", "postback", Map.of("payload", "p")))
                .contains("message.postback"));
        // none of the refused sends was stored: the visitor's message and the one accepted reply
        assertEquals(
                2,
                server.http()
                        .operator("/messages.list", Map.of("conversation_id", conversationId))
                        .ok()
                        .json()
                        .get("data")
                        .size());
    }

    @Test
    void a_message_needs_text_or_an_attachment_and_attachments_wait_for_uploads() {
        Visitor visitor = server.newVisitor(channelId);
        assertTrue(server.http()
                .post("/chatplugin.send", visitor.token(), Map.of("message", Map.of()))
                .error(400)
                .contains("message.text"));
        assertTrue(server.http()
                .post(
                        "/chatplugin.send",
                        visitor.token(),
                        Map.of("message", Map.of("attachment", Map.of("type", "image"))))
                .error(400)
                .contains("message.attachment.payload.url"));
        // Airy's 2022 widget's shape; no URL is an upload of this server until media lands
        assertTrue(server.http()
                .post(
                        "/chatplugin.send",
                        visitor.token(),
                        Map.of(
                                "message",
                                Map.of(
                                        "attachment",
                                        Map.of(
                                                "type",
                                                "image",
                                                "payload",
                                                Map.of("url", "https://evil.example/x.png")))))
                .error(400)
                .contains("message.attachment.payload.url"));
        assertTrue(server.http()
                .post("/chatplugin.send", visitor.token(), Map.of("message", Map.of("text", "x", "postbackData", 5)))
                .error(400)
                .contains("postbackData"));
    }
}
