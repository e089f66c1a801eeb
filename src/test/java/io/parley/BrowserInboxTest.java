package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.support.Browser;
import io.parley.support.TestServer;
import io.parley.support.TestServer.Visitor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The operator inbox in headless Chromium, answering a visitor's widget on another origin (browser-inbox.mjs). */
@Tag("browser")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the README's screenshot first, before the outage test's channel
class BrowserInboxTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    static Browser browser;
    static String channelId;

    @BeforeAll
    static void start() throws InterruptedException {
        channelId = server.http()
                .operator(
                        "/channels.connect",
                        Map.of("source", "chat_plugin", "source_channel_id", "acme-bikes", "name", "Acme Bikes"))
                .json()
                .get("id")
                .asText();
        browser = Browser.start(
                "browser-inbox.mjs",
                Map.of("PARLEY_URL", server.baseUrl(), "PARLEY_API_TOKEN", server.apiToken(), "CHANNEL_ID", channelId));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void an_operator_signs_in_sees_a_visitor_arrive_live_reads_and_replies() throws Exception {
        visitorWrites("Do you ship to Austria?");
        visitorWrites("Is the Cargo Long available in green?");

        JsonNode findings = browser.run("inbox");

        assertTrue(
                findings.get("refused").asText().contains("refused"),
                findings.get("refused").asText());
        assertEquals("1", findings.at("/arrived/badge").asText(), "a new conversation shows up live, unread");
        assertEquals("Hi, is anyone there?", findings.at("/arrived/preview").asText());
        String itemText = findings.at("/arrived/text").asText();
        String contactId = server.http()
                .operator(
                        "/conversations.info",
                        Map.of("conversation_id", findings.get("conversationId").asText()))
                .ok()
                .json()
                .at("/contact/id")
                .asText();
        String label = "Visitor " + contactId.replace("-", "").substring(0, 6);
        assertTrue(itemText.startsWith(label), "the item leads with the visitor: " + itemText);
        assertTrue(
                itemText.endsWith("Hi, is anyone there?Acme Bikes"), "then the message, the channel last: " + itemText);
        assertEquals("2", findings.at("/secondArrived/badge").asText(), "the badge counts up live");
        assertTrue(findings.get("readAfterOpening").asBoolean(), "opening a conversation marks it read");
        assertTrue(findings.get("readWhileOpen").asBoolean(), "messages arriving in the open conversation are read");
        assertEquals("DELIVERED", findings.at("/replyInWidget/state").asText());
        assertFalse(findings.get("loginShownAfterReload").asBoolean(), "the token is kept for the tab");
        assertFalse(findings.get("tokenKeptAfterForget").asBoolean(), "Forget token forgets it");

        String markup = "I would like to book a test ride <img src=x onerror=\"window.__parleyXss = 1\">";
        List<String> conversation = List.of(
                "visitor:Hi, is anyone there?",
                "visitor:" + markup,
                "operator:Hello! Sure, when would suit you?",
                "visitor:Saturday morning?",
                "visitor:This one: https://example.com/bikes/cargo?color=green. <b>Green</b> please",
                "operator:Saturday at 10 works. See you then!");
        assertEquals(asSeenBy(conversation, "left", "right"), shown(findings.get("inboxMessages")));
        assertEquals(asSeenBy(conversation, "right", "left"), shown(findings.get("widgetMessages")));
        assertEquals("[null,null]", findings.get("xssFlags").toString(), "a handler from a message ran");
        assertEquals(
                List.of("a"), texts(findings.at("/links/tags")), "only the link became an element, <b> stays text");
        JsonNode link = findings.at("/links/anchors/0");
        assertEquals(
                "https://example.com/bikes/cargo?color=green", link.get("href").asText());
        assertEquals(
                "https://example.com/bikes/cargo?color=green", link.get("text").asText());
        assertEquals("noopener noreferrer", link.get("rel").asText());
        assertEquals("_blank", link.get("target").asText());
        assertEquals(0, findings.get("imgInInbox").asInt());
        assertEquals(
                "(2) Parley inbox",
                findings.get("title").asText(),
                "the two conversations not opened are still unread");
    }

    @Test
    @Order(2)
    void after_an_outage_the_inbox_reconnects_and_catches_up() throws Exception {
        String hostileName = "<img src=x onerror=\"window.__parleyXss = 9\">";
        String channel = server.http()
                .operator(
                        "/channels.connect",
                        Map.of("source", "chat_plugin", "source_channel_id", "outage-site", "name", hostileName))
                .json()
                .get("id")
                .asText();
        Visitor visitor = server.newVisitor(channel);
        int port = server.port();
        var down = new AtomicBoolean();
        JsonNode findings;
        try {
            findings = browser.run("inbox_outage", (step, event) -> switch (step) {
                case "conversation" -> Map.of("conversation_id", says(visitor, "before the outage"));
                case "stop" -> {
                    server.stopOnly();
                    down.set(true);
                    yield Map.of();
                }
                case "send-while-away" -> {
                    server.startAgain(0); // a port the inbox does not know: it can only catch up later
                    says(visitor, "sent while the inbox was away");
                    String started = says(server.newVisitor(channel), "a new visitor while the inbox was away");
                    server.stopOnly();
                    server.startAgain(port);
                    down.set(false);
                    yield Map.of("conversation_id", started);
                }
                default -> throw new AssertionError(step);
            });
        } finally {
            if (down.get()) {
                server.startAgain(port);
            }
        }

        assertTrue(
                findings.get("statusWhileDown").asText().contains("Connection lost, reconnecting"),
                findings.toString());
        String error = findings.get("errorWhileDown").asText();
        assertTrue(error.startsWith("Parley is not reachable"), error);
        assertFalse(error.contains("Failed to fetch"), error);
        assertFalse(findings.get("errorAfter").asBoolean(), "the outage message is cleared once live");
        assertEquals(
                List.of("left:before the outage", "left:sent while the inbox was away"),
                shown(findings.get("messages")));
        assertTrue(findings.get("readAfterCatchUp").asBoolean());
        assertTrue(findings.get("xssFlag").isNull(), "a handler from a channel name ran");
        assertTrue(findings.get("channelNames").toString().contains("window.__parleyXss = 9"), findings.toString());
    }

    private void visitorWrites(String text) {
        says(server.newVisitor(channelId), text);
    }

    /** The visitor sends a message; returns its conversation id. */
    private String says(Visitor visitor, String text) {
        return server.http()
                .post("/chatplugin.send", visitor.token(), Map.of("message", Map.of("text", text)))
                .ok()
                .json()
                .get("conversation_id")
                .asText();
    }

    /** "side:text" as one side sees the conversation: its own messages on the right. */
    private static List<String> asSeenBy(List<String> conversation, String visitorSide, String operatorSide) {
        return conversation.stream()
                .map(m -> m.replaceFirst("^visitor:", visitorSide + ":").replaceFirst("^operator:", operatorSide + ":"))
                .toList();
    }

    private static List<String> texts(JsonNode array) {
        List<String> result = new ArrayList<>();
        array.forEach(node -> result.add(node.asText()));
        return result;
    }

    private static List<String> shown(JsonNode messages) {
        List<String> result = new ArrayList<>();
        messages.forEach(
                m -> result.add(m.get("side").asText() + ":" + m.get("text").asText()));
        return result;
    }
}
