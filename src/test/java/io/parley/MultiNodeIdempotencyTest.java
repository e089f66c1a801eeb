package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.support.TestServer;
import io.parley.support.TestServer.Visitor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The same client_message_id sent to two nodes at once: the unique index, not either node's
 * memory, decides, also when both nodes create the conversation with that very message.
 */
@Tag("postgresql")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MultiNodeIdempotencyTest {
    private static final int SENDS = 20;

    @Test
    void one_client_id_sent_to_two_nodes_at_once_stores_one_message() throws Exception {
        try (TestServer a = TestServer.startOnPostgres(UnaryOperator.identity());
                TestServer b = a.secondNode()) {
            String channelId =
                    a.connectChannel("two-nodes-idempotent").get("id").asText();
            Visitor fresh = a.newVisitor(channelId); // no conversation row yet: both nodes create it
            assertOneMessage(a, b, fresh, "new-conversation", 1);
            assertOneMessage(a, b, fresh, "existing-conversation", 2);
        }
    }

    private static void assertOneMessage(TestServer a, TestServer b, Visitor visitor, String clientId, int stored)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(SENDS);
        try {
            CountDownLatch gate = new CountDownLatch(1);
            List<CompletableFuture<JsonNode>> sends = new ArrayList<>();
            for (int i = 0; i < SENDS; i++) {
                TestServer node = i % 2 == 0 ? a : b;
                sends.add(CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                gate.await();
                            } catch (InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                            return node.http()
                                    .post(
                                            "/chatplugin.send",
                                            visitor.token(),
                                            Map.of("message", Map.of("text", clientId), "client_message_id", clientId))
                                    .ok()
                                    .json();
                        },
                        pool));
            }
            gate.countDown();
            Set<String> ids = new HashSet<>();
            String conversationId = null;
            for (CompletableFuture<JsonNode> send : sends) {
                JsonNode message = send.get(60, TimeUnit.SECONDS);
                ids.add(message.get("id").asText());
                conversationId = message.get("conversation_id").asText();
            }
            assertEquals(1, ids.size(), "one message id in every response: " + ids);
            JsonNode messages = a.http()
                    .operator("/messages.list", Map.of("conversation_id", conversationId))
                    .ok()
                    .json()
                    .get("data");
            assertEquals(stored, messages.size(), messages.toString());
        } finally {
            pool.shutdownNow();
        }
    }
}
