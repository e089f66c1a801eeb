package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.support.NodeScript;
import io.parley.support.TestServer;
import io.parley.support.TestServer.Visitor;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Proves the STOMP framing against @stomp/stompjs 7, the client Airy's own widget uses. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class StompJsInteropTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    static String channelId;

    @BeforeAll
    static void start() {
        channelId = server.connectChannel("interop-site").get("id").asText();
    }

    @Test
    void stompjs_with_heart_beats_receives_a_message_sent_over_http() throws Exception {
        Visitor visitor = server.newVisitor(channelId);
        try (NodeScript node = NodeScript.start(
                "stompjs-visitor.mjs",
                Map.of(
                        "PARLEY_WS_URL",
                        server.wsUrl("/ws.chatplugin"),
                        "PARLEY_TOKEN",
                        visitor.token(),
                        "EXPECT",
                        "2"))) {
            JsonNode subscribed = node.next(20_000);
            assertEquals("subscribed", subscribed.get("event").asText(), node.output());
            assertEquals("1.2", subscribed.get("version").asText());
            assertEquals("4000,4000", subscribed.get("heartBeat").asText());

            JsonNode sent = server.http()
                    .post("/chatplugin.send", visitor.token(), Map.of("message", Map.of("text", "Grüße über STOMP ✓")))
                    .ok()
                    .json();
            server.http()
                    .post("/chatplugin.send", visitor.token(), Map.of("message", Map.of("text", "second")))
                    .ok();

            JsonNode first = node.next(10_000);
            assertEquals("message", first.get("event").asText(), node.output());
            assertEquals(sent.get("id"), first.get("body").get("message").get("id"));
            assertEquals(
                    "Grüße über STOMP ✓",
                    first.get("body").get("message").get("content").asText());
            assertEquals(
                    "second",
                    node.next(10_000).get("body").get("message").get("content").asText());
            assertEquals(0, node.waitFor(10_000), node.output());
        }
    }

    @Test
    void stompjs_hears_the_401_of_a_bad_token_as_a_stomp_error() throws Exception {
        try (NodeScript node = NodeScript.start(
                "stompjs-visitor.mjs",
                Map.of("PARLEY_WS_URL", server.wsUrl("/ws.chatplugin"), "PARLEY_TOKEN", "bad-token"))) {
            JsonNode event = node.next(20_000);
            assertEquals("error", event.get("event").asText());
            assertEquals(true, event.get("message").asText().contains("401"), event.toString());
        }
    }
}
