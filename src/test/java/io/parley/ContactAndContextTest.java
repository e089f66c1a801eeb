package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.stomp.Frame;
import io.parley.support.Http;
import io.parley.support.StompClient;
import io.parley.support.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ContactAndContextTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    static String channelId;

    @BeforeAll
    static void start() {
        channelId = server.connectChannel("contact-site").get("id").asText();
    }

    static Http.Response authenticate(Map<String, Object> body, String userAgent) {
        var request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chatplugin.authenticate"))
                .header("User-Agent", userAgent)
                .POST(HttpRequest.BodyPublishers.ofString(write(body)))
                .build();
        return server.http().execute(request);
    }

    static JsonNode conversation(String id) {
        return server.http()
                .operator("/conversations.info", Map.of("conversation_id", id))
                .ok()
                .json();
    }

    @Test
    void context_is_stored_at_authentication_and_updated_when_the_visitor_resumes_elsewhere() {
        Map<String, Object> context = Map.of(
                "page_url", "https://shop.example/pricing",
                "referrer", "https://search.example/?q=bikes",
                "locale", "de-DE",
                "time_zone", "Europe/Berlin");
        String token = authenticate(Map.of("channel_id", channelId, "context", context), "TestBrowser/1.0")
                .ok()
                .json()
                .get("token")
                .asText();
        String conversationId = server.visitorSends(new TestServer.Visitor(channelId, token), "hi")
                .get("conversation_id")
                .asText();
        JsonNode stored = conversation(conversationId).get("context");
        assertEquals("https://shop.example/pricing", stored.get("page_url").asText());
        assertEquals("https://search.example/?q=bikes", stored.get("referrer").asText());
        assertEquals("de-DE", stored.get("locale").asText());
        assertEquals("Europe/Berlin", stored.get("time_zone").asText());
        assertEquals("TestBrowser/1.0", stored.get("user_agent").asText());

        String resume = server.http()
                .post("/chatplugin.resumeToken", token, "{}")
                .ok()
                .json()
                .get("resume_token")
                .asText();
        try (StompClient operator = StompClient.connect(server.wsUrl("/ws.communication"), server.apiToken())
                .subscribe("u", "/queue/conversation/updated")) {
            authenticate(
                            Map.of(
                                    "resume_token",
                                    resume,
                                    "context",
                                    Map.of("page_url", "https://shop.example/checkout")),
                            "TestBrowser/2.0")
                    .ok();
            JsonNode updated = nextAbout(operator, conversationId);
            assertEquals(
                    "https://shop.example/checkout",
                    updated.at("/context/page_url").asText());
        }
        JsonNode resumed = conversation(conversationId).get("context");
        assertEquals("https://shop.example/checkout", resumed.get("page_url").asText());
        assertTrue(resumed.get("referrer").isNull(), "each authentication replaces the context");
        assertEquals("TestBrowser/2.0", resumed.get("user_agent").asText());
    }

    @Test
    void a_context_field_over_2048_characters_is_a_400_naming_it() {
        String message = authenticate(
                        Map.of("channel_id", channelId, "context", Map.of("referrer", "x".repeat(2049))), "UA")
                .error(400);
        assertTrue(message.contains("context.referrer"), message);
        assertTrue(authenticate(Map.of("channel_id", channelId, "context", "nope"), "UA")
                .error(400)
                .contains("context"));
    }

    @Test
    void a_visitor_sets_its_details_and_operators_see_them_on_the_conversation_and_the_contact() {
        TestServer.Visitor visitor = server.newVisitor(channelId);
        JsonNode first = server.visitorSends(visitor, "hello");
        String conversationId = first.get("conversation_id").asText();
        String contactId = first.at("/sender/id").asText();
        try (StompClient operator = StompClient.connect(server.wsUrl("/ws.communication"), server.apiToken())
                .subscribe("u", "/queue/conversation/updated")) {
            JsonNode contact = server.http()
                    .post(
                            "/chatplugin.updateContact",
                            visitor.token(),
                            Map.of(
                                    "name", "Ada Lovelace",
                                    "email", "ada@example.com",
                                    "attributes", Map.of("plan", "pro", "seats", 5, "trial", false)))
                    .ok()
                    .json();
            assertEquals(contactId, contact.get("id").asText());
            assertEquals("Ada Lovelace", contact.get("display_name").asText());
            JsonNode updated = nextAbout(operator, conversationId);
            assertEquals("ada@example.com", updated.at("/contact/email").asText());
        }
        JsonNode found = server.http()
                .operator("/conversations.list", Map.of("filter", Map.of("query", "LOVELACE")))
                .ok()
                .json()
                .get("data");
        assertEquals(1, found.size(), "the inbox search matches the contact's name");
        assertEquals(conversationId, found.get(0).get("id").asText());
        JsonNode onConversation = conversation(conversationId).get("contact");
        assertEquals(5, onConversation.at("/attributes/seats").asInt());
        assertEquals(false, onConversation.at("/attributes/trial").asBoolean(true));

        JsonNode changed = server.http()
                .operator(
                        "/contacts.update",
                        Map.of("contact_id", contactId, "email", "", "attributes", Map.of("plan", "team")))
                .ok()
                .json();
        assertTrue(changed.get("email").isNull(), "an empty string clears");
        assertEquals("team", changed.at("/attributes/plan").asText());
        assertEquals(5, changed.at("/attributes/seats").asInt(), "attributes merge key by key");
        assertEquals(
                changed,
                server.http()
                        .operator("/contacts.info", Map.of("contact_id", contactId))
                        .ok()
                        .json());
    }

    @Test
    void invalid_contact_details_are_400s_naming_the_field_and_store_nothing() {
        TestServer.Visitor visitor = server.newVisitor(channelId);
        String contactId =
                server.visitorSends(visitor, "hello").at("/sender/id").asText();
        Map<String, String> attributes = new HashMap<>();
        for (int i = 0; i < 51; i++) {
            attributes.put("a" + i, "v");
        }
        Map<String, Object> cases = Map.of(
                "'email'", Map.of("email", "not-an-address", "name", "Should not stay"),
                "'attributes.plan'", Map.of("attributes", Map.of("plan", Map.of("nested", true))),
                "'attributes.note'", Map.of("attributes", Map.of("note", "x".repeat(1025))),
                "'attributes.tags'", Map.of("attributes", Map.of("tags", List.of("a"))),
                "'attributes'", Map.of("attributes", attributes),
                "attribute keys", Map.of("attributes", Map.of("k".repeat(65), 1)),
                "'name'", Map.of("name", "n".repeat(256)));
        cases.forEach((field, body) -> {
            String message = server.http()
                    .post("/chatplugin.updateContact", visitor.token(), body)
                    .error(400);
            assertTrue(message.contains(field), field + ": " + message);
        });
        JsonNode contact = server.http()
                .operator("/contacts.info", Map.of("contact_id", contactId))
                .ok()
                .json();
        assertTrue(contact.get("display_name").isNull(), contact.toString());
        assertEquals(0, contact.get("attributes").size());
    }

    @Test
    void unknown_contacts_are_404_and_visitors_cannot_use_operator_contact_endpoints() {
        String unknown = UUID.randomUUID().toString();
        server.http().operator("/contacts.info", Map.of("contact_id", unknown)).error(404);
        server.http()
                .operator("/contacts.update", Map.of("contact_id", unknown, "name", "x"))
                .error(404);
        TestServer.Visitor visitor = server.newVisitor(channelId);
        server.http()
                .post("/contacts.info", visitor.token(), Map.of("contact_id", unknown))
                .error(401);
    }

    static final ObjectMapper JSON = new ObjectMapper();

    static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static JsonNode nextAbout(StompClient operator, String conversationId) {
        while (true) {
            Frame frame = operator.next();
            assertEquals("MESSAGE", frame.command());
            JsonNode body = read(frame.bodyText());
            if (conversationId.equals(body.get("id").asText())) {
                return body;
            }
        }
    }
}
