package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.stomp.Frame;
import io.parley.support.StompClient;
import io.parley.support.TestServer;
import io.parley.support.Wait;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** States, snoozes, assignment (by hand and automatic), filters and search of the team inbox. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class InboxTest {
    static final String PASSWORD = "inbox test password";

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    static String channelId;

    @BeforeAll
    static void channel() {
        channelId = server.connectChannel("inbox-site").get("id").asText();
    }

    record Chat(TestServer.Visitor visitor, String conversationId) {}

    /** A visitor's first message, and the conversation it created. */
    static Chat chat(String channel, String text) {
        var visitor = server.newVisitor(channel);
        server.visitorSends(visitor, text);
        var filter = Map.of("filter", Map.of("query", text));
        JsonNode found = server.http()
                .operator("/conversations.list", filter)
                .ok()
                .json()
                .get("data");
        assertEquals(1, found.size(), "one conversation says " + text);
        return new Chat(visitor, found.get(0).get("id").asText());
    }

    static JsonNode setState(String id, String state, String until) {
        var body = new HashMap<String, Object>(Map.of("conversation_id", id, "state", state));
        if (until != null) {
            body.put("snoozed_until", until);
        }
        return server.http().operator("/conversations.set-state", body).ok().json();
    }

    static String person(String email, String role) {
        var body = Map.of("email", email, "name", email, "role", role, "password", PASSWORD);
        return server.http()
                .operator("/operators.create", body)
                .ok()
                .json()
                .get("id")
                .asText();
    }

    static String login(String email) {
        return server.http()
                .post("/auth.login", null, Map.of("email", email, "password", PASSWORD))
                .ok()
                .json()
                .get("token")
                .asText();
    }

    @Test
    void a_new_conversation_is_open_and_unassigned() {
        JsonNode c = server.http()
                .operator(
                        "/conversations.info",
                        Map.of("conversation_id", chat(channelId, "fresh one").conversationId()))
                .ok()
                .json();
        assertEquals("OPEN", c.get("state").asText());
        assertTrue(c.get("assignee").isNull());
    }

    @Test
    void snoozing_needs_a_future_time_and_wakes_up_open_with_an_event() {
        Chat chat = chat(channelId, "snooze me");
        var bad = Map.of("conversation_id", chat.conversationId(), "state", "SNOOZED");
        assertTrue(server.http()
                .operator("/conversations.set-state", bad)
                .error(400)
                .contains("snoozed_until"));
        var past = Map.of(
                "conversation_id",
                chat.conversationId(),
                "state",
                "SNOOZED",
                "snoozed_until",
                "2020-01-01T00:00:00.000Z");
        server.http().operator("/conversations.set-state", past).error(400);
        try (var socket = StompClient.connect(server.wsUrl("/ws.communication"), server.apiToken())) {
            socket.subscribe("u", "/queue/conversation/updated");
            String until = Instant.now().plusSeconds(2).toString();
            JsonNode snoozed = setState(chat.conversationId(), "SNOOZED", until);
            assertEquals("SNOOZED", snoozed.get("state").asText());
            assertEquals(
                    "SNOOZED",
                    nextUpdate(socket, chat.conversationId()).get("state").asText());
            JsonNode woken = nextUpdate(socket, chat.conversationId());
            assertEquals("OPEN", woken.get("state").asText());
            assertTrue(woken.get("snoozed_until").isNull());
        }
    }

    @Test
    void a_contact_message_reopens_a_closed_or_snoozed_conversation_and_operators_hear_of_it() throws Exception {
        Chat chat = chat(channelId, "close me");
        try (var socket = StompClient.connect(server.wsUrl("/ws.communication"), server.apiToken())) {
            socket.subscribe("u", "/queue/conversation/updated");
            assertEquals(
                    "CLOSED",
                    setState(chat.conversationId(), "CLOSED", null).get("state").asText());
            assertEquals(
                    "CLOSED",
                    nextUpdate(socket, chat.conversationId()).get("state").asText());
            server.visitorSends(chat.visitor(), "one more thing");
            assertEquals(
                    "OPEN",
                    nextUpdate(socket, chat.conversationId()).get("state").asText());

            String until = Instant.now().plusSeconds(3600).toString();
            assertEquals(
                    "SNOOZED",
                    setState(chat.conversationId(), "SNOOZED", until)
                            .get("state")
                            .asText());
            assertEquals(
                    "SNOOZED",
                    nextUpdate(socket, chat.conversationId()).get("state").asText());
            server.visitorSends(chat.visitor(), "and another");
            JsonNode woken = nextUpdate(socket, chat.conversationId());
            assertEquals("OPEN", woken.get("state").asText());
            assertTrue(woken.get("snoozed_until").isNull());
        }
        var info = server.http().operator("/conversations.info", Map.of("conversation_id", chat.conversationId()));
        assertEquals("OPEN", info.ok().json().get("state").asText());
        assertTrue(info.ok().json().get("snoozed_until").isNull());
    }

    @Test
    void assigning_takes_an_enabled_person_and_null_unassigns() {
        Chat chat = chat(channelId, "assign me");
        String agent = person("assignee@example.com", "agent");
        var body = new HashMap<String, Object>(Map.of("conversation_id", chat.conversationId(), "assignee_id", agent));
        JsonNode assigned =
                server.http().operator("/conversations.assign", body).ok().json();
        assertEquals(agent, assigned.get("assignee").get("id").asText());
        assertEquals(
                "assignee@example.com", assigned.get("assignee").get("name").asText());
        String bot = server.http()
                .operator("/operators.create", Map.of("name", "B", "role", "bot"))
                .ok()
                .json()
                .get("id")
                .asText();
        body.put("assignee_id", bot);
        server.http().operator("/conversations.assign", body).error(400);
        body.put("assignee_id", "00000000-0000-0000-0000-000000000042");
        server.http().operator("/conversations.assign", body).error(400);
        body.put("assignee_id", null);
        assertTrue(server.http()
                .operator("/conversations.assign", body)
                .ok()
                .json()
                .get("assignee")
                .isNull());
    }

    @Test
    void filters_by_state_assignee_and_text_case_insensitively_with_wildcards_taken_literally() {
        String agent = person("filter@example.com", "agent");
        String token = login("filter@example.com");
        Chat mine = chat(channelId, "Filter Bicycle 100% mine");
        Chat closed = chat(channelId, "filter bicycle_closed");
        server.http()
                .operator(
                        "/conversations.assign", Map.of("conversation_id", mine.conversationId(), "assignee_id", agent))
                .ok();
        setState(closed.conversationId(), "CLOSED", null);
        assertEquals(List.of(mine.conversationId()), ids(token, Map.of("assignee_id", "me", "query", "bicycle")));
        assertEquals(
                List.of(closed.conversationId()),
                ids(token, Map.of("state", List.of("CLOSED"), "query", "FILTER BICYCLE")));
        assertEquals(List.of(mine.conversationId()), ids(token, Map.of("query", "100%")));
        assertEquals(List.of(), ids(token, Map.of("query", "filter_bicycle")));
        assertEquals(List.of(closed.conversationId()), ids(token, Map.of("query", "e_c")));
        assertTrue(ids(token, Map.of("assignee_id", "none", "query", "filter bicycle"))
                .contains(closed.conversationId()));
        server.http()
                .post("/conversations.list", token, Map.of("filter", Map.of("query", "")))
                .error(400);
        server.http()
                .post("/conversations.list", token, Map.of("filter", Map.of("state", List.of("DONE"))))
                .error(400);
    }

    static List<String> ids(String token, Map<String, Object> filter) {
        List<String> ids = new ArrayList<>();
        server.http()
                .post("/conversations.list", token, Map.of("filter", filter))
                .ok()
                .json()
                .get("data")
                .forEach(c -> ids.add(c.get("id").asText()));
        return ids;
    }

    @Test
    void automatic_assignment_spreads_new_conversations_over_the_people_online_in_turn() {
        String auto = server.http()
                .operator(
                        "/channels.connect",
                        Map.of("source", "chat_plugin", "source_channel_id", "auto-site", "auto_assign", true))
                .ok()
                .json()
                .get("id")
                .asText();
        Chat nobody = chat(auto, "auto nobody online");
        assertTrue(info(nobody).get("assignee").isNull());
        String a = person("auto-a@example.com", "agent");
        String b = person("auto-b@example.com", "admin");
        person("auto-away@example.com", "agent");
        try (var sa = StompClient.connect(server.wsUrl("/ws.communication"), login("auto-a@example.com"));
                var sb = StompClient.connect(server.wsUrl("/ws.communication"), login("auto-b@example.com"))) {
            var presence = server.parley().services().operators().presence();
            Wait.until("both online", () -> presence.online().size() >= 2);
            List<String> assignees = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                assignees.add(info(chat(auto, "auto turn " + i))
                        .get("assignee")
                        .get("id")
                        .asText());
            }
            assertEquals(2, assignees.stream().filter(a::equals).count(), assignees.toString());
            assertEquals(2, assignees.stream().filter(b::equals).count(), assignees.toString());
            assertTrue(!assignees.get(0).equals(assignees.get(1)), "ties go in turn: " + assignees);
        }
    }

    static JsonNode info(Chat chat) {
        return server.http()
                .operator("/conversations.info", Map.of("conversation_id", chat.conversationId()))
                .ok()
                .json();
    }

    static JsonNode nextUpdate(StompClient socket, String conversationId) {
        while (true) {
            Frame frame = socket.next();
            if (frame.command().equals("MESSAGE")) {
                JsonNode body = OperatorSocketTest.body(frame);
                if (conversationId.equals(body.path("id").asText())) {
                    return body;
                }
            }
        }
    }
}
