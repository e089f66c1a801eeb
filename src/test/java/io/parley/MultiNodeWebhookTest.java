package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.support.TestServer;
import io.parley.support.TestServer.Visitor;
import io.parley.support.Wait;
import io.parley.support.WebhookReceiver;
import io.parley.webhook.WebhookSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two nodes on one PostgreSQL database share one webhook outbox: every event reaches the receiver once. */
@Tag("postgresql")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MultiNodeWebhookTest {
    /** Both dispatchers poll every 20 ms, so they race for the same rows all the time. */
    private static final WebhookSettings EAGER = new WebhookSettings(
            4, Duration.ofSeconds(5), Duration.ofMillis(20), Duration.ofMillis(200), 5, Duration.ofMillis(20));

    private static final int SENDERS_PER_NODE = 3;
    private static final int MESSAGES_PER_SENDER = 40;

    @Test
    void each_event_is_delivered_exactly_once_while_both_nodes_write_and_dispatch() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
                TestServer a = TestServer.startOnPostgres(config -> TestConfig.withWebhooks(config, EAGER));
                TestServer b = a.secondNode()) {
            a.http()
                    .operator("/webhooks.subscribe", Map.of("url", receiver.url(), "headers", Map.of()))
                    .ok();
            String channelId = a.connectChannel("webhook-two-nodes").get("id").asText();

            Set<String> sent = ConcurrentHashMap.newKeySet();
            ExecutorService pool = Executors.newFixedThreadPool(2 * SENDERS_PER_NODE);
            List<Future<?>> senders = new ArrayList<>();
            for (int s = 0; s < 2 * SENDERS_PER_NODE; s++) {
                TestServer node = s % 2 == 0 ? a : b;
                Visitor visitor = node.newVisitor(channelId);
                senders.add(pool.submit(() -> {
                    for (int i = 0; i < MESSAGES_PER_SENDER; i++) {
                        // the visitor's messages alternate between the nodes, as behind a load balancer
                        TestServer via = i % 2 == 0 ? a : b;
                        sent.add(via.http()
                                .post("/chatplugin.send", visitor.token(), Map.of("message", Map.of("text", "m" + i)))
                                .ok()
                                .json()
                                .get("id")
                                .asText());
                    }
                }));
            }
            for (Future<?> sender : senders) {
                sender.get();
            }
            pool.shutdown();

            Wait.until("the outbox is empty", Duration.ofSeconds(60), () -> pending(a) == 0);
            List<String> delivered = receiver.deliveredIds();
            assertEquals(2 * SENDERS_PER_NODE * MESSAGES_PER_SENDER, sent.size());
            assertEquals(sent, new HashSet<>(delivered), "every message's event arrived");
            assertEquals(sent.size(), delivered.size(), "and none twice");
            assertEquals(sent.size(), receiver.received().size(), "not even a retry: every first attempt succeeded");
        }
    }

    private static long pending(TestServer node) {
        return node.http()
                .operator("/webhooks.info", Map.of())
                .ok()
                .json()
                .get("delivery")
                .get("pending")
                .asLong();
    }
}
