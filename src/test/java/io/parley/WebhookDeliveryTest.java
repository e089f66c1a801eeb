package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.support.TestServer;
import io.parley.support.TestServer.Visitor;
import io.parley.support.Wait;
import io.parley.support.WebhookReceiver;
import io.parley.webhook.WebhookSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Delivery to a real local receiver; every test has its own server with fast retries. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class WebhookDeliveryTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final WebhookSettings FAST = new WebhookSettings(2, Duration.ofSeconds(1), Duration.ofMillis(20),
            Duration.ofMillis(200), 5, Duration.ofMillis(200));

    TestServer server;
    WebhookReceiver receiver;
    String channelId;

    @BeforeEach
    void start() {
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        receiver.close();
    }

    void startServer(WebhookSettings settings) {
        server = TestServer.start(config -> config.withWebhooks(settings));
        channelId = server.connectChannel("webhook-site").get("id").asText();
    }

    String subscribe(Map<String, String> headers) {
        return server.http().operator("/webhooks.subscribe", Map.of("url", receiver.url(), "headers", headers)).ok()
                .json().get("api_secret").asText();
    }

    JsonNode send(Visitor visitor, String text) {
        return server.http().post("/chatplugin.send", visitor.token(), Map.of("message", Map.of("text", text))).ok().json();
    }

    JsonNode delivery() {
        return server.http().operator("/webhooks.info", Map.of()).ok().json().get("delivery");
    }

    /** The test's own HMAC, not the server's code. */
    static String signature(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    static JsonNode claims(Visitor visitor) throws Exception {
        return MAPPER.readTree(Base64.getUrlDecoder().decode(visitor.token().split("\\.")[1]));
    }

    static Set<String> fields(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void a_contact_message_arrives_with_the_exact_payload_headers_and_a_valid_signature() throws Exception {
        startServer(FAST);
        String secret = subscribe(Map.of("X-Bot-Key", "k-123"));
        Visitor visitor = server.newVisitor(channelId);
        JsonNode sent = send(visitor, "Hello \"bot\" ✓ \n<b>");

        Wait.until("the message is delivered", () -> receiver.delivered().size() == 1);
        WebhookReceiver.Request request = receiver.delivered().get(0);
        assertEquals(signature(secret, request.body()), request.header("X-Parley-Signature"));
        assertEquals("application/json", request.header("Content-Type"));
        assertEquals("k-123", request.header("X-Bot-Key"));

        JsonNode payload = request.json();
        assertEquals(Set.of("conversation_id", "channel_id", "id", "sender", "from_contact", "source", "sent_at", "text"),
                fields(payload));
        JsonNode claims = claims(visitor);
        assertEquals(claims.get("conversation_id").asText(), payload.get("conversation_id").asText());
        assertEquals(channelId, payload.get("channel_id").asText());
        assertEquals(sent.get("id").asText(), payload.get("id").asText());
        assertEquals(Set.of("id"), fields(payload.get("sender")));
        assertEquals(claims.get("sub").asText(), payload.get("sender").get("id").asText());
        assertTrue(payload.get("from_contact").asBoolean());
        assertEquals("chat_plugin", payload.get("source").asText());
        assertEquals(sent.get("sent_at").asText(), payload.get("sent_at").asText());
        assertEquals("Hello \"bot\" ✓ \n<b>", payload.get("text").asText());
        Wait.until("the outbox is empty", () -> delivery().get("pending").asInt() == 0);
    }

    @Test
    void a_receiver_that_fails_then_times_out_then_succeeds_still_gets_the_event() throws Exception {
        startServer(FAST);
        String secret = subscribe(Map.of());
        CountDownLatch thirdMayAnswer = new CountDownLatch(1);
        CountDownLatch hangUp = new CountDownLatch(1);
        receiver.respondWith(request -> switch (request.number()) {
            case 1 -> 500;
            case 2 -> {
                hangUp.await(30, TimeUnit.SECONDS); // longer than Parley's 1 s timeout
                yield 200;
            }
            default -> {
                thirdMayAnswer.await(30, TimeUnit.SECONDS);
                yield 200;
            }
        });
        String id = send(server.newVisitor(channelId), "retry me").get("id").asText();

        Wait.until("the 500 is recorded", () -> lastError(id).contains("HTTP 500"));
        Wait.until("the timeout is recorded", () -> lastError(id).contains("timed out"));
        JsonNode retrying = errorOf(id);
        assertEquals("PENDING", retrying.get("status").asText());
        assertTrue(retrying.get("attempts").asInt() >= 2, retrying.toString());
        thirdMayAnswer.countDown();

        Wait.until("the third attempt is taken", () -> receiver.delivered().size() == 1);
        Wait.until("the outbox is empty", () -> delivery().get("pending").asInt() == 0);
        hangUp.countDown();
        List<WebhookReceiver.Request> attempts = receiver.received();
        assertEquals(3, attempts.size());
        for (WebhookReceiver.Request attempt : attempts) {
            assertEquals(id, attempt.id());
            assertEquals(signature(secret, attempt.body()), attempt.header("X-Parley-Signature"));
            assertEquals(attempts.get(0).text(), attempt.text(), "every attempt sends the same stored bytes");
        }
        assertEquals(0, delivery().get("failed").asInt());
    }

    @Test
    void an_event_that_always_fails_ends_as_failed_after_the_bounded_attempts() {
        startServer(new WebhookSettings(2, Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ofMillis(50), 3,
                Duration.ofMillis(200)));
        subscribe(Map.of());
        receiver.respondWith(request -> 503);
        String id = send(server.newVisitor(channelId), "never taken").get("id").asText();

        Wait.until("the event is marked failed", () -> delivery().get("failed").asInt() == 1);
        JsonNode failed = errorOf(id);
        assertEquals("FAILED", failed.get("status").asText());
        assertEquals(3, failed.get("attempts").asInt());
        assertEquals("HTTP 503", failed.get("last_error").asText());
        assertTrue(failed.get("last_error_at").asText().endsWith("Z"));
        assertEquals(0, delivery().get("pending").asInt());
        assertEquals(3, receiver.received().size());
    }

    String lastError(String eventId) {
        JsonNode error = errorOf(eventId);
        return error == null ? "" : error.path("last_error").asText();
    }

    JsonNode errorOf(String eventId) {
        for (JsonNode error : delivery().get("recent_errors")) {
            if (error.get("event_id").asText().equals(eventId)) {
                return error;
            }
        }
        return null;
    }
}
