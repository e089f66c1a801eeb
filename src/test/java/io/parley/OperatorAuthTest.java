package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.stomp.Frame;
import io.parley.support.StompClient;
import io.parley.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OperatorAuthTest {
    static final String PASSWORD = "correct horse battery";

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    static JsonNode create(String email, String role) {
        var body = new HashMap<String, Object>(Map.of("name", "Name of " + role, "role", role));
        if (email != null) {
            body.put("email", email);
        }
        if (!role.equals("bot")) {
            body.put("password", PASSWORD);
        }
        return server.http().operator("/operators.create", body).ok().json();
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
    void first_run_setup_creates_one_admin_with_the_api_token_and_signs_it_in() {
        TestServer fresh = TestServer.start();
        try {
            var body = Map.of("email", "Boss@Example.com", "name", "Boss", "password", PASSWORD);
            fresh.http().post("/auth.setup", null, body).error(401);
            JsonNode setup = fresh.http().operator("/auth.setup", body).ok().json();
            assertEquals("admin", setup.get("operator").get("role").asText());
            assertEquals("boss@example.com", setup.get("operator").get("email").asText());
            String token = setup.get("token").asText();
            JsonNode me =
                    fresh.http().post("/operators.me", token, Map.of()).ok().json();
            assertEquals(setup.get("operator").get("id"), me.get("id"));
            assertTrue(fresh.http().operator("/auth.setup", body).error(409).contains("set up already"));
        } finally {
            fresh.close();
        }
    }

    @Test
    void people_need_a_password_of_10_to_200_characters_and_a_used_email_is_409() {
        var base = Map.<String, Object>of("email", "short@example.com", "name", "S", "role", "agent");
        var tooShort = new HashMap<>(base);
        tooShort.put("password", "123456789");
        assertTrue(
                server.http().operator("/operators.create", tooShort).error(400).contains("password"));
        var tooLong = new HashMap<>(base);
        tooLong.put("password", "x".repeat(201));
        server.http().operator("/operators.create", tooLong).error(400);
        server.http().operator("/operators.create", base).error(400);
        create("used@example.com", "agent");
        var again = new HashMap<String, Object>(
                Map.of("email", "USED@example.com", "name", "Again", "role", "admin", "password", PASSWORD));
        server.http().operator("/operators.create", again).error(409);
    }

    @Test
    void passwords_are_stored_only_as_argon2id_hashes() throws Exception {
        create("hashed@example.com", "agent");
        var jdbi = server.parley().services().operators();
        assertNotNull(jdbi);
        String hash = org.jdbi.v3.core.Jdbi.create(server.dbUrl())
                .withHandle(h -> h.createQuery("SELECT password_hash FROM operators WHERE email = 'hashed@example.com'")
                        .mapTo(String.class)
                        .one());
        assertTrue(hash.startsWith("$argon2id$"), hash.substring(0, 10));
        assertFalse(hash.contains(PASSWORD));
        try (Stream<Path> files = Files.walk(server.dataDir())) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".log")));
        }
    }

    @Test
    void a_bot_gets_its_api_token_once_and_it_works_for_bot_routes_only() {
        JsonNode bot = create(null, "bot");
        String token = bot.get("api_token").asText();
        assertTrue(token.length() > 40);
        JsonNode listed =
                server.http().operator("/operators.list", Map.of()).ok().json().get("data");
        listed.forEach(o -> assertFalse(o.has("api_token")));
        server.http().post("/conversations.list", token, Map.of()).ok();
        assertTrue(
                server.http().post("/channels.list", token, Map.of()).error(403).contains("bot"));
        try (var socket = StompClient.connect(server.wsUrl("/ws.communication"), token)) {
            assertFalse(socket.isClosed());
        }
    }

    @Test
    void unknown_email_and_wrong_password_give_the_same_401() {
        create("known@example.com", "agent");
        var unknown =
                server.http().post("/auth.login", null, Map.of("email", "nobody@example.com", "password", PASSWORD));
        var wrong = server.http()
                .post("/auth.login", null, Map.of("email", "known@example.com", "password", "wrong password!"));
        assertEquals(401, unknown.status());
        assertEquals(401, wrong.status());
        assertEquals(unknown.body(), wrong.body());
    }

    @Test
    void ten_failures_for_one_email_in_15_minutes_give_429_with_retry_after() {
        create("guessed@example.com", "agent");
        var wrong = Map.of("email", "guessed@example.com", "password", "wrong password!");
        for (int i = 0; i < 10; i++) {
            assertEquals(401, server.http().post("/auth.login", null, wrong).status());
        }
        var limited =
                server.http().post("/auth.login", null, Map.of("email", "guessed@example.com", "password", PASSWORD));
        assertEquals(429, limited.status());
        long retryAfter = Long.parseLong(limited.header("Retry-After"));
        assertTrue(retryAfter > 800 && retryAfter <= 900, "Retry-After " + retryAfter);
        create("other@example.com", "agent");
        login("other@example.com"); // another email is not limited
    }

    @Test
    void logout_voids_the_token_and_ends_its_sockets_with_an_error() {
        create("leaving@example.com", "agent");
        String token = login("leaving@example.com");
        String other = login("leaving@example.com");
        try (var socket = StompClient.connect(server.wsUrl("/ws.communication"), token)) {
            assertEquals(
                    202, server.http().post("/auth.logout", token, Map.of()).status());
            server.http().post("/auth.logout", token, Map.of()).error(401);
            server.http().post("/operators.me", token, Map.of()).error(401);
            Frame error = socket.next();
            assertEquals("ERROR", error.command());
            assertTrue(socket.awaitClose(5_000));
        }
        server.http().post("/operators.me", other, Map.of()).ok(); // another session stays
    }

    @Test
    void disabling_an_operator_ends_its_sessions_and_sockets() {
        JsonNode agent = create("disabled@example.com", "agent");
        String token = login("disabled@example.com");
        try (var socket = StompClient.connect(server.wsUrl("/ws.communication"), token)) {
            server.http().post("/operators.me", token, Map.of()).ok();
            server.http()
                    .operator(
                            "/operators.update",
                            Map.of("operator_id", agent.get("id").asText(), "disabled", true))
                    .ok();
            server.http().post("/operators.me", token, Map.of()).error(401);
            assertEquals("ERROR", socket.next().command());
        }
        server.http()
                .post("/auth.login", null, Map.of("email", "disabled@example.com", "password", PASSWORD))
                .error(401);
    }

    @Test
    void agents_update_only_themselves_and_a_new_password_needs_the_current_one() {
        JsonNode agent = create("self@example.com", "agent");
        JsonNode peer = create("peer@example.com", "agent");
        String token = login("self@example.com");
        String id = agent.get("id").asText();
        var renamed = server.http().post("/operators.update", token, Map.of("operator_id", id, "name", "New name"));
        assertEquals("New name", renamed.ok().json().get("name").asText());
        server.http()
                .post(
                        "/operators.update",
                        token,
                        Map.of("operator_id", peer.get("id").asText(), "name", "x"))
                .error(403);
        server.http()
                .post("/operators.update", token, Map.of("operator_id", id, "role", "admin"))
                .error(403);
        server.http()
                .post("/operators.update", token, Map.of("operator_id", id, "disabled", true))
                .error(403);
        var noCurrent = Map.of("operator_id", id, "password", "a brand new password");
        assertTrue(server.http()
                .post("/operators.update", token, noCurrent)
                .error(400)
                .contains("current_password"));
        var withCurrent = Map.of("operator_id", id, "password", "a brand new password", "current_password", PASSWORD);
        server.http().post("/operators.update", token, withCurrent).ok();
        server.http()
                .post("/auth.login", null, Map.of("email", "self@example.com", "password", "a brand new password"))
                .ok();
    }

    @Test
    void set_availability_answers_the_operator_with_its_availability() {
        create("away@example.com", "agent");
        String token = login("away@example.com");
        JsonNode me = server.http()
                .post("/operators.setAvailability", token, Map.of("availability", "away"))
                .ok()
                .json();
        assertEquals("away", me.get("availability").asText());
        server.http()
                .post("/operators.setAvailability", token, Map.of("availability", "busy"))
                .error(400);
    }

    @Test
    void presence_follows_the_sockets_of_people_only() {
        JsonNode agent = create("present@example.com", "agent");
        String id = agent.get("id").asText();
        String token = login("present@example.com");
        var presence = server.parley().services().operators().presence();
        try (var watcher = StompClient.connect(server.wsUrl("/ws.communication"), server.apiToken())) {
            watcher.subscribe("p", "/queue/operator/presence");
            assertFalse(presence.isOnline(java.util.UUID.fromString(id)));
            try (var socket = StompClient.connect(server.wsUrl("/ws.communication"), token)) {
                assertTrue(nextPresence(watcher, id).get("online").asBoolean());
                assertTrue(presence.isOnline(java.util.UUID.fromString(id)));
            }
            assertFalse(nextPresence(watcher, id).get("online").asBoolean());
        }
    }

    static JsonNode nextPresence(StompClient client, String operatorId) {
        while (true) {
            Frame frame = client.next();
            if (frame.command().equals("MESSAGE")) {
                JsonNode body = OperatorSocketTest.body(frame);
                if (operatorId.equals(body.path("operator_id").asText())) {
                    return body;
                }
            }
        }
    }

    @Test
    void messages_carry_the_sending_operators_name_and_avatar_never_its_email_and_bots_are_marked() {
        var agent = new HashMap<String, Object>(Map.of(
                "email",
                "named@example.com",
                "name",
                "Ada",
                "role",
                "agent",
                "password",
                PASSWORD,
                "avatar_url",
                "https://example.com/ada.png"));
        String agentId = server.http()
                .operator("/operators.create", agent)
                .ok()
                .json()
                .get("id")
                .asText();
        String token = login("named@example.com");
        String bot = create(null, "bot").get("api_token").asText();
        String channel = server.connectChannel("sender-site").get("id").asText();
        var visitor = server.newVisitor(channel);
        String conversation = server.visitorSends(visitor, "hello team").get("conversation_id") == null
                ? null
                : server.visitorSends(visitor, "hello team")
                        .get("conversation_id")
                        .asText();
        if (conversation == null) {
            conversation = server.http()
                    .operator(
                            "/conversations.list", Map.of("filter", Map.of("channel_ids", java.util.List.of(channel))))
                    .ok()
                    .json()
                    .get("data")
                    .get(0)
                    .get("id")
                    .asText();
        }
        var text = Map.of("conversation_id", conversation, "message", Map.of("text", "Hi from Ada"));
        JsonNode sent = server.http().post("/messages.send", token, text).ok().json();
        assertEquals(agentId, sent.get("sender").get("id").asText());
        assertEquals("operator", sent.get("sender").get("type").asText());
        assertEquals("Ada", sent.get("sender").get("name").asText());
        assertEquals(
                "https://example.com/ada.png",
                sent.get("sender").get("avatar_url").asText());
        JsonNode byBot = server.http().post("/messages.send", bot, text).ok().json();
        assertEquals("bot", byBot.get("sender").get("type").asText());
        String resume = server.http()
                .post("/chatplugin.resumeToken", visitor.token(), Map.of())
                .ok()
                .json()
                .get("resume_token")
                .asText();
        String visitorView = server.http()
                .post("/chatplugin.authenticate", null, Map.of("resume_token", resume))
                .body();
        assertTrue(visitorView.contains("\"name\":\"Ada\""), visitorView);
        assertFalse(visitorView.contains("named@example.com"));
        String history = server.http()
                .operator("/messages.list", Map.of("conversation_id", conversation))
                .body();
        assertTrue(history.contains("\"name\":\"Ada\""), history);
        assertFalse(history.contains("named@example.com"));
    }
}
