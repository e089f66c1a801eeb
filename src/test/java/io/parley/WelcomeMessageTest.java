package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.support.TestServer;
import io.parley.support.TestServer.Visitor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The channel's welcome message is stored once, above the visitor's first message, when the visitor writes. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class WelcomeMessageTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    static String channelWithWelcome(String site, String welcome) {
        String id = server.connectChannel(site).get("id").asText();
        server.http()
                .operator("/channels.update", Map.of("channel_id", id, "widget", Map.of("welcome_message", welcome)))
                .ok();
        return id;
    }

    static JsonNode operatorMessages(String conversationId) {
        return server.http()
                .operator("/messages.list", Map.of("conversation_id", conversationId))
                .ok()
                .json()
                .get("data");
    }

    /** History as the widget reads it after a reload: authenticating again with a resume token. */
    static JsonNode visitorHistory(Visitor visitor) {
        String resume = server.http()
                .post("/chatplugin.resumeToken", visitor.token(), "{}")
                .ok()
                .json()
                .get("resume_token")
                .asText();
        return server.http()
                .post("/chatplugin.authenticate", null, Map.of("resume_token", resume))
                .ok()
                .json()
                .get("messages");
    }

    static List<String> contents(JsonNode messages) {
        List<String> texts = new ArrayList<>();
        messages.forEach(m -> texts.add(m.get("content").asText()));
        return texts;
    }

    @Test
    void the_welcome_is_stored_above_the_first_message_from_the_operator_and_only_once() {
        Visitor visitor = server.newVisitor(channelWithWelcome("welcome-once", "Hello from the team"));
        JsonNode first = server.visitorSends(visitor, "first question");
        server.visitorSends(visitor, "second question");

        JsonNode history = visitorHistory(visitor);
        assertEquals(List.of("Hello from the team", "first question", "second question"), contents(history));
        JsonNode welcome = history.get(0);
        assertEquals("LEFT", welcome.get("alignment").asText());
        assertEquals("operator", welcome.at("/sender/type").asText(), welcome.toString());
        assertEquals("Operator", welcome.at("/sender/name").asText(), welcome.toString());
        assertTrue(
                welcome.get("sent_at").asText().compareTo(first.get("sent_at").asText()) < 0, history.toString());

        JsonNode operator = operatorMessages(first.get("conversation_id").asText());
        List<String> texts = contents(operator);
        assertEquals(1, texts.stream().filter("Hello from the team"::equals).count(), texts.toString());
        JsonNode stored = operator.get(texts.indexOf("Hello from the team"));
        assertEquals(welcome.get("id"), stored.get("id"));
        assertEquals("RIGHT", stored.get("alignment").asText(), "the team's side in the inbox");
    }

    @Test
    void racing_first_messages_store_one_welcome() throws Exception {
        Visitor visitor = server.newVisitor(channelWithWelcome("welcome-race", "Welcome!"));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            CountDownLatch gate = new CountDownLatch(1);
            List<CompletableFuture<JsonNode>> sends = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String text = "racing " + i;
                sends.add(CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                gate.await();
                            } catch (InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                            return server.visitorSends(visitor, text);
                        },
                        pool));
            }
            gate.countDown();
            for (CompletableFuture<JsonNode> send : sends) {
                send.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> texts = contents(visitorHistory(visitor));
        assertEquals(7, texts.size(), texts.toString());
        assertEquals("Welcome!", texts.get(0), texts.toString());
        assertEquals(1, texts.stream().filter("Welcome!"::equals).count(), texts.toString());
    }

    @Test
    void a_channel_without_a_welcome_stores_only_what_the_visitor_wrote() {
        String channel = server.connectChannel("welcome-none").get("id").asText();
        Visitor visitor = server.newVisitor(channel);
        server.visitorSends(visitor, "just me");
        assertEquals(List.of("just me"), contents(visitorHistory(visitor)));
    }
}
