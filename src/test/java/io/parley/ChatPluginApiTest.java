package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.auth.Tokens;
import io.parley.auth.VisitorClaims;
import io.parley.support.TestServer;
import io.parley.support.TestServer.Visitor;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ChatPluginApiTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    static String channelId;

    @BeforeAll
    static void start() {
        channelId = server.connectChannel("chat-site").get("id").asText();
    }

    static String resumeToken(Visitor visitor) {
        return server.http()
                .post("/chatplugin.resumeToken", visitor.token(), Map.of())
                .ok()
                .json()
                .get("resume_token")
                .asText();
    }

    @Test
    void authenticate_starts_a_new_conversation_with_empty_history() {
        JsonNode body = server.http()
                .post("/chatplugin.authenticate", null, Map.of("channel_id", channelId))
                .ok()
                .json();
        assertTrue(body.get("token").asText().split("\\.").length == 3, "a JWT");
        assertEquals(0, body.get("messages").size());
    }

    @Test
    void authenticate_refuses_unknown_and_disconnected_channels_with_404() {
        server.http()
                .post(
                        "/chatplugin.authenticate",
                        null,
                        Map.of("channel_id", UUID.randomUUID().toString()))
                .error(404);
        String gone = server.connectChannel("gone-site").get("id").asText();
        server.http().operator("/channels.disconnect", Map.of("channel_id", gone));
        server.http()
                .post("/chatplugin.authenticate", null, Map.of("channel_id", gone))
                .error(404);
        assertTrue(server.http()
                .post("/chatplugin.authenticate", null, Map.of())
                .error(400)
                .contains("channel_id"));
    }

    @Test
    void send_returns_the_committed_message_in_the_visitor_view() {
        Visitor visitor = server.newVisitor(channelId);
        JsonNode message = server.visitorSends(visitor, "Hello");
        UUID.fromString(message.get("id").asText());
        assertEquals("Hello", message.get("content").asText());
        assertEquals("DELIVERED", message.get("state").asText());
        assertEquals("RIGHT", message.get("alignment").asText());
        assertTrue(
                message.get("sent_at").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"),
                message.get("sent_at").asText());
    }

    @Test
    void resume_continues_the_conversation_with_its_history_oldest_first() {
        Visitor visitor = server.newVisitor(channelId);
        server.visitorSends(visitor, "first");
        server.visitorSends(visitor, "second");
        server.visitorSends(visitor, "third");
        JsonNode resumed = server.http()
                .post(
                        "/chatplugin.authenticate",
                        null,
                        Map.of("resume_token", resumeToken(visitor), "channel_id", channelId))
                .ok()
                .json();
        assertEquals(
                List.of("first", "second", "third"), resumed.get("messages").findValuesAsText("content"));
        Visitor again = new Visitor(channelId, resumed.get("token").asText());
        server.visitorSends(again, "fourth");
        JsonNode later = server.http()
                .post("/chatplugin.authenticate", null, Map.of("resume_token", resumeToken(again)))
                .ok()
                .json();
        assertEquals(4, later.get("messages").size());
    }

    @Test
    void a_resume_token_for_another_channel_is_refused() {
        Visitor visitor = server.newVisitor(channelId);
        String other = server.connectChannel("other-site").get("id").asText();
        server.http()
                .post(
                        "/chatplugin.authenticate",
                        null,
                        Map.of("resume_token", resumeToken(visitor), "channel_id", other))
                .error(401);
    }

    @Test
    void bad_wrong_kind_and_expired_tokens_are_401() throws Exception {
        Visitor visitor = server.newVisitor(channelId);
        String resume = resumeToken(visitor);
        // a resume token is not a visitor token, and the other way round
        server.http()
                .post("/chatplugin.send", resume, Map.of("message", Map.of("text", "x")))
                .error(401);
        server.http()
                .post("/chatplugin.authenticate", null, Map.of("resume_token", visitor.token()))
                .error(401);
        server.http()
                .post("/chatplugin.authenticate", null, Map.of("resume_token", "garbage"))
                .error(401);
        server.http()
                .post("/chatplugin.send", null, Map.of("message", Map.of("text", "x")))
                .error(401);
        server.http()
                .post("/chatplugin.send", "not.a.jwt", Map.of("message", Map.of("text", "x")))
                .error(401);
        // the API token is not a visitor token
        server.http()
                .post("/chatplugin.send", server.apiToken(), Map.of("message", Map.of("text", "x")))
                .error(401);

        String secret = Files.readString(server.dataDir().resolve("jwt-secret")).strip();
        Clock longAgo = Clock.fixed(Instant.now().minus(Duration.ofDays(8)), ZoneOffset.UTC);
        Tokens past = new Tokens(secret, null, "unused", longAgo);
        var claims = new VisitorClaims(UUID.fromString(channelId), UUID.randomUUID(), UUID.randomUUID());
        assertTrue(server.http()
                .post(
                        "/chatplugin.send",
                        past.issue(Tokens.Kind.VISITOR, claims),
                        Map.of("message", Map.of("text", "x")))
                .error(401)
                .contains("expired"));
        server.http()
                .post("/chatplugin.authenticate", null, Map.of("resume_token", past.issue(Tokens.Kind.RESUME, claims)))
                .error(401);
        Tokens forged = new Tokens("another-secret-entirely", null, "unused", Clock.systemUTC());
        server.http()
                .post(
                        "/chatplugin.send",
                        forged.issue(Tokens.Kind.VISITOR, claims),
                        Map.of("message", Map.of("text", "x")))
                .error(401);
    }

    @Test
    void send_validates_the_text() {
        Visitor visitor = server.newVisitor(channelId);
        var http = server.http();
        assertTrue(http.post("/chatplugin.send", visitor.token(), Map.of("message", Map.of("text", "   ")))
                .error(400)
                .contains("message.text"));
        assertTrue(http.post("/chatplugin.send", visitor.token(), Map.of("message", Map.of("text", "x".repeat(10_001))))
                .error(400)
                .contains("message.text"));
        assertTrue(http.post("/chatplugin.send", visitor.token(), Map.of("message", Map.of()))
                .error(400)
                .contains("message.text"));
        assertTrue(http.post("/chatplugin.send", visitor.token(), Map.of())
                .error(400)
                .contains("message"));
        assertTrue(http.post("/chatplugin.send", visitor.token(), Map.of("message", Map.of("text", 5)))
                .error(400)
                .contains("text"));
        assertTrue(http.post("/chatplugin.send", visitor.token(), Map.of("message", "hi"))
                .error(400)
                .contains("message"));
        assertEquals(
                10_000,
                server.visitorSends(visitor, "y".repeat(10_000))
                        .get("content")
                        .asText()
                        .length());
        // nothing half-written: only the valid message is in the history
        JsonNode history = http.post("/chatplugin.authenticate", null, Map.of("resume_token", resumeToken(visitor)))
                .ok()
                .json();
        assertEquals(1, history.get("messages").size());
    }

    @Test
    void a_visitor_only_ever_sees_its_own_conversation() {
        Visitor alice = server.newVisitor(channelId);
        Visitor bob = server.newVisitor(channelId);
        server.visitorSends(alice, "alice secret");
        server.visitorSends(bob, "bob secret");
        JsonNode aliceHistory = server.http()
                .post("/chatplugin.authenticate", null, Map.of("resume_token", resumeToken(alice)))
                .json();
        JsonNode bobHistory = server.http()
                .post("/chatplugin.authenticate", null, Map.of("resume_token", resumeToken(bob)))
                .json();
        assertEquals(List.of("alice secret"), aliceHistory.get("messages").findValuesAsText("content"));
        assertEquals(List.of("bob secret"), bobHistory.get("messages").findValuesAsText("content"));
        assertNotEquals(
                aliceHistory.get("messages").get(0).get("conversation_id"),
                bobHistory.get("messages").get(0).get("conversation_id"));
    }

    @Test
    void an_operator_may_get_a_resume_token_on_a_visitors_behalf() {
        Visitor visitor = server.newVisitor(channelId);
        String conversationId =
                server.visitorSends(visitor, "help").get("conversation_id").asText();
        String resume = server.http()
                .operator("/chatplugin.resumeToken", Map.of("channel_id", channelId, "conversation_id", conversationId))
                .ok()
                .json()
                .get("resume_token")
                .asText();
        JsonNode resumed = server.http()
                .post("/chatplugin.authenticate", null, Map.of("resume_token", resume))
                .ok()
                .json();
        assertEquals(List.of("help"), resumed.get("messages").findValuesAsText("content"));
        server.http()
                .operator(
                        "/chatplugin.resumeToken",
                        Map.of(
                                "channel_id",
                                channelId,
                                "conversation_id",
                                UUID.randomUUID().toString()))
                .error(404);
        assertTrue(server.http()
                .operator("/chatplugin.resumeToken", Map.of("channel_id", channelId))
                .error(400)
                .contains("conversation_id"));
    }

    @Test
    void sends_into_a_disconnected_channel_are_404() {
        String site = server.connectChannel("closing-site").get("id").asText();
        Visitor visitor = server.newVisitor(site);
        server.http().operator("/channels.disconnect", Map.of("channel_id", site));
        server.http()
                .post("/chatplugin.send", visitor.token(), Map.of("message", Map.of("text", "anyone?")))
                .error(404);
    }
}
