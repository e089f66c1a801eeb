package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.support.StompClient;
import io.parley.support.TwoNodes;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Typing and read events go through the fan-out, so they reach sockets on the other node. */
@Tag("postgresql")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TypingAcrossNodesTest {
    static final int A = 0;
    static final int B = 1;

    @RegisterExtension
    static final TwoNodes nodes = new TwoNodes();

    @Test
    void a_visitor_typing_on_node_b_reaches_an_operator_on_node_a_and_back() {
        String channelId = nodes.connectChannel(A, "typing-two-nodes");
        String token = nodes.visitor(A, channelId);
        String conversationId =
                nodes.say(A, token, "hello").get("conversation_id").asText();
        try (StompClient visitor = nodes.visitorSocket(B, token);
                StompClient operator = StompClient.connect(nodes.wsUrl(A, "/ws.communication"), TwoNodes.API_TOKEN)) {
            visitor.subscribe("t", "/queue/typing").subscribe("r", "/queue/read");
            operator.subscribe("t", "/queue/typing");

            visitor.send("SEND\ndestination:/app/typing\n\n\0");
            JsonNode typing = TwoNodes.body(TwoNodes.nextMessage(
                    operator,
                    json -> conversationId.equals(json.path("conversation_id").asText())));
            assertEquals("contact", typing.at("/sender/type").asText());

            operator.send("SEND\ndestination:/app/typing\n\n{\"conversation_id\":\"" + conversationId + "\"}\0");
            assertEquals(
                    "operator",
                    TwoNodes.body(TwoNodes.nextMessage(visitor, json -> json.has("expires_at")))
                            .at("/sender/type")
                            .asText());

            nodes.post(A, "/conversations.read", TwoNodes.API_TOKEN, Map.of("conversation_id", conversationId))
                    .ok();
            assertEquals(
                    "operator",
                    TwoNodes.body(TwoNodes.nextMessage(visitor, json -> json.has("reader")))
                            .get("reader")
                            .asText());
        }
    }
}
