package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.support.ClosingReceiver;
import io.parley.support.TestServer;
import io.parley.support.TestServer.Visitor;
import io.parley.support.Wait;
import io.parley.webhook.WebhookSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Receivers that close every connection after answering, like the README's Python bot. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class WebhookConnectionTest {
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** One attempt only: a delivery that fails even once ends as failed, so none may. */
    static final WebhookSettings ONE_ATTEMPT = new WebhookSettings(
            2, Duration.ofSeconds(5), Duration.ofMillis(20), Duration.ofMillis(200), 1, Duration.ofMillis(200));

    @ParameterizedTest(name = "says Connection: close = {0}")
    @ValueSource(booleans = {false, true})
    void a_receiver_that_closes_every_connection_sees_no_failed_attempt(boolean announceClose) {
        try (ClosingReceiver receiver = new ClosingReceiver(announceClose);
                TestServer server = TestServer.start(config -> TestConfig.withWebhooks(config, ONE_ATTEMPT))) {
            String channelId = server.connectChannel("closing-site").get("id").asText();
            server.http()
                    .operator("/webhooks.subscribe", Map.of("url", receiver.url(), "headers", Map.of()))
                    .ok();
            List<Visitor> visitors = List.of(server.newVisitor(channelId), server.newVisitor(channelId));
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                sent.add(server.http()
                        .post(
                                "/chatplugin.send",
                                visitors.get(i % 2).token(),
                                Map.of("message", Map.of("text", "m" + i)))
                        .ok()
                        .json()
                        .get("id")
                        .asText());
            }

            Wait.until(
                    "the outbox is empty", () -> delivery(server).get("pending").asInt() == 0);
            assertEquals(
                    0, delivery(server).get("failed").asInt(), delivery(server).toString());
            List<String> arrived = receiver.bodies().stream()
                    .map(body -> idOf(body))
                    .filter(sent::contains)
                    .distinct()
                    .toList();
            assertEquals(30, arrived.size());
        }
    }

    @Test
    void a_receiver_that_never_answers_gets_a_bounded_number_of_requests_per_attempt() {
        WebhookSettings threeAttempts = new WebhookSettings(
                2, Duration.ofSeconds(5), Duration.ofMillis(20), Duration.ofMillis(100), 3, Duration.ofMillis(200));
        try (ClosingReceiver receiver = new ClosingReceiver(false);
                TestServer server = TestServer.start(config -> TestConfig.withWebhooks(config, threeAttempts))) {
            receiver.neverAnswer();
            String channelId = server.connectChannel("silent-site").get("id").asText();
            server.http()
                    .operator("/webhooks.subscribe", Map.of("url", receiver.url(), "headers", Map.of()))
                    .ok();
            server.http()
                    .post(
                            "/chatplugin.send",
                            server.newVisitor(channelId).token(),
                            Map.of("message", Map.of("text", "nobody answers")))
                    .ok();

            Wait.until(
                    "the event fails for good",
                    () -> delivery(server).get("failed").asInt() == 1);
            JsonNode error = delivery(server).get("recent_errors").get(0);
            assertEquals(3, error.get("attempts").asInt(), error.toString());
            assertTrue(error.get("last_error").asText().startsWith("connection failed"), error.toString());
            // each attempt: the first request and at most workers + 1 immediate retries on other connections
            int connections = receiver.connections();
            assertTrue(connections >= 3 && connections <= 3 * (2 + 2), "connections: " + connections);
        }
    }

    static String idOf(String body) {
        try {
            return MAPPER.readTree(body).get("id").asText();
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    static JsonNode delivery(TestServer server) {
        return server.http().operator("/webhooks.info", Map.of()).ok().json().get("delivery");
    }
}
