package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.stomp.Frame;
import io.parley.support.Browser;
import io.parley.support.StompClient;
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
// the first admin is created through the inbox first; the README's screenshot before the outage test's channel
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserInboxTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    static final String ADMIN_EMAIL = "ada@example.com";
    static final String PASSWORD = "correct horse battery";

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
                Map.of(
                        "PARLEY_URL",
                        server.baseUrl(),
                        "PARLEY_API_TOKEN",
                        server.apiToken(),
                        "CHANNEL_ID",
                        channelId,
                        "ADMIN_EMAIL",
                        ADMIN_EMAIL,
                        "PASSWORD",
                        PASSWORD));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(0)
    void the_first_admin_is_created_with_the_api_token_then_signs_in_with_email_and_password() throws Exception {
        JsonNode findings = browser.run("first_admin");

        assertFalse(findings.get("loginShownFirst").asBoolean(), "no sign-in while nobody can sign in");
        assertTrue(findings.get("refused").asText().contains("refused"), findings.toString());
        assertEquals("Ada Admin (admin)", findings.get("signedInAs").asText());
        assertTrue(findings.get("teamVisible").asBoolean(), "an admin sees the team page");
        assertFalse(findings.get("setupAfterSignOut").asBoolean(), "the first run is over");
        assertTrue(findings.get("wrongPassword").asText().contains("do not match"), findings.toString());
        assertEquals("Ada Admin (admin)", findings.get("signedInAgain").asText());
        assertFalse(findings.get("freshOffersSetup").asBoolean(), "a new tab is not offered the first run");
        JsonNode people =
                server.http().operator("/operators.list", Map.of()).ok().json().get("data");
        assertEquals(1, people.size(), people.toString());
        assertEquals(ADMIN_EMAIL, people.get(0).get("email").asText());
    }

    @Test
    @Order(1)
    void an_operator_signs_in_sees_a_visitor_arrive_live_reads_and_replies() throws Exception {
        visitorWrites("Do you ship to Austria?");
        visitorWrites("Is the Cargo Long available in green?");

        JsonNode findings = browser.run("inbox");

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
        assertFalse(findings.get("loginShownAfterReload").asBoolean(), "the session is kept for the tab");
        assertFalse(findings.get("tokenKeptAfterSignOut").asBoolean(), "signing out forgets the session");
        JsonNode reply = lastMessage(findings.get("conversationId").asText());
        assertEquals("Ada Admin", reply.at("/sender/name").asText(), "replies carry the operator's name: " + reply);
        assertTrue(
                findings.get("replyMeta").asText().startsWith("Ada Admin \u00b7 "),
                "the inbox shows who replied: " + findings.get("replyMeta"));
        server.http()
                .post("/operators.me", findings.get("signedOutToken").asText(), Map.of())
                .error(401);

        String markup = "I would like to book a test ride <img src=x onerror=\"window.__parleyXss = 1\">";
        List<String> conversation = List.of(
                "visitor:Hi, is anyone there?",
                "visitor:" + markup,
                "operator:Hello! Sure, when would suit you?",
                "visitor:Saturday morning?",
                "visitor:This one: https://example.com/bikes/cargo?color=green. <b>Green</b> please",
                "operator:Saturday at 10 works. See you then!");
        assertEquals(asSeenBy(conversation, "left", "right"), shown(findings.get("inboxMessages")));
        assertEquals(
                List.of("left:Do you ship to Austria?"),
                shown(findings.get("afterSwitch")),
                "another conversation shows its own messages only");
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

    @Test
    @Order(3)
    void the_admin_adds_an_agent_and_a_bot_and_the_agent_signs_in_elsewhere() throws Exception {
        JsonNode findings = browser.run("team");

        String botToken = findings.get("botToken").asText();
        assertFalse(botToken.isBlank(), findings.toString());
        server.http().post("/conversations.list", botToken, Map.of()).ok(); // the token shown once works
        assertEquals(0, findings.get("botTokenAfterReload").asInt(), "the bot's token is shown only once");
        assertEquals("Bea Agent (agent)", findings.get("agentName").asText());
        assertFalse(findings.get("agentSeesTeam").asBoolean(), "agents have no team page");
        assertFalse(findings.get("agentSeesChannels").asBoolean(), "agents have no channel settings");
        JsonNode cy = operatorNamed("Cy Agent");
        assertEquals("admin", cy.get("role").asText(), "re-roled in the admin page");
        assertTrue(cy.get("disabled").asBoolean(), "disabled in the admin page");
        server.http()
                .post("/auth.login", null, Map.of("email", "cy@example.com", "password", PASSWORD))
                .error(401);
    }

    @Test
    @Order(4)
    void a_visitor_message_while_the_tab_is_hidden_rings_and_notifies() throws Exception {
        JsonNode findings = browser.run("notification", (step, event) -> switch (step) {
            case "visitor-writes" ->
                Map.of(
                        "conversation_id",
                        says(server.newVisitor(channelId), event.get("text").asText()));
            default -> throw new AssertionError(step);
        });

        assertEquals(0, findings.get("askedOnLoad").asInt(), "the permission is never asked on load");
        assertEquals(0, findings.get("notesWhileVisible").asInt(), "no notification while the operator looks");
        JsonNode notes = findings.get("notes");
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(notes.at("/0/title").asText().startsWith("New message from Visitor "), notes.toString());
        assertEquals("Anyone there? I need help", notes.at("/0/body").asText());
        assertEquals(findings.get("conversationId").asText(), notes.at("/0/tag").asText());
        assertEquals("1", findings.get("alerts").asText(), "one sound for one message");
    }

    @Test
    @Order(5)
    void an_operator_offers_quick_replies_and_sees_the_one_pressed() throws Exception {
        Visitor visitor = server.newVisitor(channelId);
        JsonNode findings = browser.run("quick_replies", (step, event) -> switch (step) {
            case "conversation" -> Map.of("conversation_id", says(visitor, "Which size?"));
            case "visitor-presses" -> {
                server.http()
                        .post(
                                "/chatplugin.send",
                                visitor.token(),
                                Map.of("message", Map.of("text", "Small", "postback", Map.of("payload", "size-s"))))
                        .ok();
                yield Map.of();
            }
            default -> throw new AssertionError(step);
        });

        assertEquals(List.of("Small", "Large"), texts(findings.get("offered")));
        assertTrue(findings.get("editorClosed").asBoolean(), "the editor closes once sent");
        assertEquals("Button pressed: size-s", findings.get("postback").asText());
    }

    @Test
    @Order(6)
    void an_assignment_made_by_one_agent_shows_live_in_the_other_agents_browser() throws Exception {
        for (String name : List.of("Dan", "Eve")) {
            server.http()
                    .operator(
                            "/operators.create",
                            Map.of(
                                    "name",
                                    name + " Agent",
                                    "email",
                                    name.toLowerCase() + "@example.com",
                                    "role",
                                    "agent",
                                    "password",
                                    PASSWORD))
                    .ok();
        }
        String[] id = new String[1];
        JsonNode findings = browser.run("assignment", (step, event) -> switch (step) {
            case "conversation" ->
                Map.of("conversation_id", id[0] = says(server.newVisitor(channelId), "Who helps me?"));
            default -> throw new AssertionError(step);
        });

        assertEquals("Mine", findings.get("eveTabAfterArrow").asText(), "arrow keys move between the lists");
        assertEquals("Assigned to Dan Agent", findings.get("eveSees").asText());
        assertEquals("Assigned to Eve Agent", findings.get("danSeesAfter").asText());
        JsonNode conversation = server.http()
                .operator("/conversations.info", Map.of("conversation_id", id[0]))
                .ok()
                .json();
        assertEquals(
                operatorNamed("Eve Agent").get("id").asText(),
                conversation.at("/assignee/id").asText());
    }

    @Test
    @Order(7)
    void a_closed_conversation_reopens_when_the_visitor_writes() throws Exception {
        Visitor visitor = server.newVisitor(channelId);
        String[] id = new String[1];
        long clicked = System.currentTimeMillis();
        JsonNode findings = browser.run("reopen", (step, event) -> switch (step) {
            case "conversation" -> {
                id[0] = says(visitor, "Thanks, that is all");
                server.http()
                        .operator(
                                "/contacts.update",
                                Map.of(
                                        "contact_id",
                                        info(id[0]).at("/contact/id").asText(),
                                        "name",
                                        "Mia Visitor",
                                        "email",
                                        "mia@example.com"))
                        .ok();
                yield Map.of("conversation_id", id[0]);
            }
            case "snoozed" ->
                Map.of("snoozed_until", info(id[0]).get("snoozed_until").asText());
            case "visitor-writes" -> {
                assertEquals("CLOSED", info(id[0]).get("state").asText());
                says(visitor, "Actually, one more question");
                yield Map.of();
            }
            default -> throw new AssertionError(step);
        });

        long until =
                java.time.Instant.parse(findings.get("snoozedUntil").asText()).toEpochMilli();
        assertTrue(
                until >= clicked + 3_590_000 && until <= System.currentTimeMillis() + 3_600_000,
                "snoozed for an hour: " + findings);
        assertTrue(
                findings.get("details").asText().startsWith("NameMia VisitorEmailmia@example.com"),
                "the side panel shows the contact: " + findings.get("details"));
        assertTrue(findings.get("reopenShown").asBoolean(), "a closed conversation offers Reopen");
        assertTrue(findings.get("closeShown").asBoolean(), "an open one offers Close");
        assertEquals("OPEN", info(id[0]).get("state").asText());
    }

    @Test
    @Order(8)
    void an_operator_sends_a_pdf_and_a_dropped_image() throws Exception {
        String[] id = new String[1];
        JsonNode findings = browser.run("attachments", (step, event) -> switch (step) {
            case "conversation" ->
                Map.of("conversation_id", id[0] = says(server.newVisitor(channelId), "Can you send the invoice?"));
            default -> throw new AssertionError(step);
        });

        assertTrue(findings.get("pdfLink").asText().contains("/media/"), findings.toString());
        assertTrue(findings.at("/image/loaded").asBoolean(), "the sent image is shown: " + findings);
        assertEquals(0, findings.get("leftover").asInt(), "sent attachments leave the reply box");
        JsonNode messages = server.http()
                .operator("/messages.list", Map.of("conversation_id", id[0], "page_size", 100))
                .ok()
                .json()
                .get("data");
        List<String> sent = new ArrayList<>();
        messages.forEach(m -> {
            if (m.has("attachment")) {
                sent.add(m.at("/attachment/type").asText() + ":"
                        + m.at("/attachment/payload/name").asText() + ":"
                        + m.path("content").asText());
            }
        });
        assertEquals(List.of("file:invoice-42.pdf:invoice-42.pdf", "image:dot.png:dot.png"), sent);
    }

    @Test
    @Order(9)
    void a_canned_response_is_inserted_by_typing_slash_code() throws Exception {
        server.http()
                .operator(
                        "/canned_responses.create",
                        Map.of("short_code", "codes-help", "text", "Codes go in the last checkout step."))
                .ok();
        server.http()
                .operator(
                        "/canned_responses.create",
                        Map.of("short_code", "code", "text", "Your discount code is SPRING26."))
                .ok();
        server.http()
                .operator("/canned_responses.create", Map.of("short_code", "hours", "text", "We open at 9."))
                .ok();
        JsonNode findings = browser.run("canned", (step, event) -> switch (step) {
            case "conversation" ->
                Map.of("conversation_id", says(server.newVisitor(channelId), "Do you have a discount?"));
            default -> throw new AssertionError(step);
        });

        assertEquals(List.of("/code", "/codes-help"), texts(findings.get("offered")));
        assertEquals("/codes-help", findings.get("activeAfterDown").asText());
        assertEquals("Your discount code is SPRING26.", findings.get("inserted").asText());
        assertTrue(findings.get("listClosed").asBoolean());
    }

    @Test
    @Order(10)
    void typing_shows_both_ways_and_a_read_reply_is_marked_seen() throws Exception {
        Visitor visitor = server.newVisitor(channelId);
        try (StompClient socket = StompClient.connect(server.wsUrl("/ws.chatplugin"), visitor.token())) {
            socket.subscribe("typing", "/queue/typing");
            JsonNode findings = browser.run("typing", (step, event) -> switch (step) {
                case "conversation" -> Map.of("conversation_id", says(visitor, "Are you there?"));
                case "visitor-types" -> {
                    socket.send("SEND\ndestination:/app/typing\n\n\0");
                    yield Map.of();
                }
                case "visitor-writes" -> {
                    says(visitor, "One more thing");
                    yield Map.of();
                }
                case "operator-typed" -> Map.of("name", typingSender(socket));
                case "visitor-reads" -> {
                    server.http().post("/chatplugin.read", visitor.token(), Map.of());
                    yield Map.of();
                }
                default -> throw new AssertionError(step);
            });

            assertFalse(findings.get("typingAfterMessage").asBoolean(), "a message ends the visitor's typing");
            assertEquals("Ada Admin", findings.get("heardName").asText(), "the visitor hears who types");
            assertEquals(0, findings.get("seenBefore").asInt(), "not seen before the visitor read it");
            assertTrue(findings.get("seenMeta").asText().endsWith("Seen"), findings.toString());
        }
    }

    @Test
    @Order(11)
    void channel_settings_show_a_bad_colour_next_to_its_field_and_save_good_ones() throws Exception {
        JsonNode findings = browser.run("channel_settings");

        assertEquals("Acme help", findings.get("previewTitle").asText(), "the preview follows unsaved settings");
        assertTrue(findings.get("error").asText().contains("widget.color"), findings.toString());
        assertEquals("true", findings.get("invalid").asText());
        assertEquals("color", findings.get("focused").asText(), "the field in error gets the focus");
        assertEquals("#16a34a", findings.get("previewColor").asText());
        assertEquals("", findings.get("errorAfterSave").asText());
        assertEquals("left", findings.get("previewPosition").asText());
        assertEquals(
                "Hi! Ask us anything about bikes.",
                findings.get("previewWelcome").asText());
        JsonNode channel = server.http()
                .operator("/channels.info", Map.of("channel_id", channelId))
                .ok()
                .json();
        assertEquals("#16a34a", channel.at("/widget/color").asText(), channel.toString());
        assertEquals("Acme help", channel.at("/widget/title").asText());
        assertEquals("left", channel.at("/widget/position").asText());
        assertEquals(
                "Europe/Vienna", channel.at("/widget/business_hours/time_zone").asText());
        assertEquals(
                "[[\"09:00\",\"12:00\"],[\"13:00\",\"17:00\"]]",
                channel.at("/widget/business_hours/days/mon").toString());
        assertTrue(channel.get("auto_assign").asBoolean());
    }

    /** The name in the next typing event the visitor's socket hears. */
    private static String typingSender(StompClient socket) throws java.io.IOException {
        for (long deadline = System.currentTimeMillis() + 15_000; System.currentTimeMillis() < deadline; ) {
            Frame frame = socket.poll(500);
            if (frame != null && "MESSAGE".equals(frame.command())) {
                return io.parley.json.Json.MAPPER
                        .readTree(frame.body())
                        .at("/sender/name")
                        .asText();
            }
        }
        throw new AssertionError("the visitor heard no typing");
    }

    private static JsonNode info(String conversationId) {
        return server.http()
                .operator("/conversations.info", Map.of("conversation_id", conversationId))
                .ok()
                .json();
    }

    private static JsonNode operatorNamed(String name) {
        for (JsonNode o :
                server.http().operator("/operators.list", Map.of()).ok().json().get("data")) {
            if (o.get("name").asText().equals(name)) {
                return o;
            }
        }
        throw new AssertionError("no operator " + name);
    }

    private static JsonNode lastMessage(String conversationId) {
        JsonNode data = server.http()
                .operator("/messages.list", Map.of("conversation_id", conversationId, "page_size", 100))
                .ok()
                .json()
                .get("data");
        return data.get(data.size() - 1);
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
