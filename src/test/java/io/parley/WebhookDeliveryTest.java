package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.support.TestServer;
import io.parley.support.TestServer.Visitor;
import io.parley.support.Wait;
import io.parley.support.WebhookReceiver;
import io.parley.webhook.WebhookSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
    static final WebhookSettings FAST = new WebhookSettings(
            2, Duration.ofSeconds(1), Duration.ofMillis(20), Duration.ofMillis(200), 5, Duration.ofMillis(200));

    TestServer server;
    WebhookReceiver receiver;
    String channelId;

    @BeforeEach
    void start() {
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stop() {
        receiver.close(); // first: ends requests a test left hanging, so the server stops at once
        if (server != null) {
            server.close();
        }
    }

    void startServer(WebhookSettings settings) {
        server = TestServer.start(config -> TestConfig.withWebhooks(config, settings));
        channelId = server.connectChannel("webhook-site").get("id").asText();
    }

    String subscribe(Map<String, String> headers) {
        return server.http()
                .operator("/webhooks.subscribe", Map.of("url", receiver.url(), "headers", headers))
                .ok()
                .json()
                .get("api_secret")
                .asText();
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
        JsonNode sent = server.visitorSends(visitor, "Hello \"bot\" ✓ \n<b>");

        Wait.until("the message is delivered", () -> receiver.delivered().size() == 1);
        WebhookReceiver.Request request = receiver.delivered().get(0);
        assertEquals(signature(secret, request.body()), request.header("X-Parley-Signature"));
        assertEquals("application/json", request.header("Content-Type"));
        assertEquals("k-123", request.header("X-Bot-Key"));

        JsonNode payload = request.json();
        assertEquals(
                Set.of("conversation_id", "channel_id", "id", "sender", "from_contact", "source", "sent_at", "text"),
                fields(payload));
        JsonNode claims = claims(visitor);
        assertEquals(
                claims.get("conversation_id").asText(),
                payload.get("conversation_id").asText());
        assertEquals(channelId, payload.get("channel_id").asText());
        assertEquals(sent.get("id").asText(), payload.get("id").asText());
        assertEquals(Set.of("id", "type"), fields(payload.get("sender")));
        assertEquals("contact", payload.get("sender").get("type").asText());
        assertEquals(claims.get("sub").asText(), payload.get("sender").get("id").asText());
        assertTrue(payload.get("from_contact").asBoolean());
        assertEquals("chat_plugin", payload.get("source").asText());
        assertEquals(sent.get("sent_at").asText(), payload.get("sent_at").asText());
        assertEquals("Hello \"bot\" ✓ \n<b>", payload.get("text").asText());
        Wait.until("the outbox is empty", () -> delivery().get("pending").asInt() == 0);
    }

    @Test
    void a_receiver_that_fails_then_times_out_then_succeeds_still_gets_the_event() throws Exception {
        // the 3 s timeout is also how long the test has to see the first error before the second replaces it
        startServer(new WebhookSettings(
                2, Duration.ofSeconds(3), Duration.ofMillis(20), Duration.ofMillis(200), 5, Duration.ofMillis(200)));
        String secret = subscribe(Map.of());
        CountDownLatch thirdMayAnswer = new CountDownLatch(1);
        CountDownLatch hangUp = new CountDownLatch(1);
        receiver.respondWith(request -> switch (request.number()) {
            case 1 -> 500;
            case 2 -> {
                hangUp.await(30, TimeUnit.SECONDS); // longer than Parley's timeout
                yield 200;
            }
            default -> {
                thirdMayAnswer.await(30, TimeUnit.SECONDS);
                yield 200;
            }
        });
        String id = server.visitorSends(server.newVisitor(channelId), "retry me")
                .get("id")
                .asText();

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
        startServer(new WebhookSettings(
                2, Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ofMillis(50), 3, Duration.ofMillis(200)));
        subscribe(Map.of());
        receiver.respondWith(request -> 503);
        String id = server.visitorSends(server.newVisitor(channelId), "never taken")
                .get("id")
                .asText();

        Wait.until("the event is marked failed", () -> delivery().get("failed").asInt() == 1);
        JsonNode failed = errorOf(id);
        assertEquals("FAILED", failed.get("status").asText());
        assertEquals(3, failed.get("attempts").asInt());
        assertEquals("HTTP 503", failed.get("last_error").asText());
        assertTrue(failed.get("last_error_at").asText().endsWith("Z"));
        assertEquals(0, delivery().get("pending").asInt());
        assertEquals(3, receiver.received().size());
    }

    @Test
    void a_restart_while_an_event_is_pending_loses_nothing() throws Exception {
        startServer(new WebhookSettings(
                2,
                Duration.ofSeconds(1),
                Duration.ofMillis(20),
                Duration.ofMillis(200),
                1_000,
                Duration.ofMillis(200)));
        String secret = subscribe(Map.of("X-Bot-Key", "kept"));
        AtomicBoolean receiverUp = new AtomicBoolean(false);
        receiver.respondWith(request -> receiverUp.get() ? 200 : 503);
        Visitor visitor = server.newVisitor(channelId);
        String before =
                server.visitorSends(visitor, "before the restart").get("id").asText();
        Wait.until("a failed attempt is recorded", () -> lastError(before).contains("HTTP 503"));

        server.restart();
        String after =
                server.visitorSends(visitor, "after the restart").get("id").asText();
        assertEquals(2, delivery().get("pending").asInt());
        receiverUp.set(true);

        Wait.until("both events are delivered", () -> receiver.deliveredIds().containsAll(List.of(before, after)));
        Wait.until("the outbox is empty", () -> delivery().get("pending").asInt() == 0);
        List<String> arrivals = receiver.received().stream()
                .map(WebhookReceiver.Request::id)
                .distinct()
                .toList();
        assertEquals(List.of(before, after), arrivals, "one conversation's events arrive in order");
        for (WebhookReceiver.Request request : receiver.delivered()) {
            assertEquals(signature(secret, request.body()), request.header("X-Parley-Signature"));
            assertEquals("kept", request.header("X-Bot-Key"));
        }
    }

    @Test
    void a_slow_receiver_does_not_hold_up_chatplugin_send() {
        startServer(new WebhookSettings(
                2, Duration.ofSeconds(30), Duration.ofMillis(20), Duration.ofMillis(200), 5, Duration.ofMillis(200)));
        subscribe(Map.of());
        CountDownLatch release = new CountDownLatch(1);
        receiver.respondWith(request -> {
            release.await(60, TimeUnit.SECONDS);
            return 200;
        });
        Visitor first = server.newVisitor(channelId);
        List<String> firstIds = new ArrayList<>(
                List.of(server.visitorSends(first, "one").get("id").asText()));
        Wait.until(
                "the receiver holds the first delivery",
                () -> receiver.received().size() == 1);

        List<String> otherIds = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            otherIds.add(server.visitorSends(server.newVisitor(channelId), "other " + i)
                    .get("id")
                    .asText());
            firstIds.add(server.visitorSends(first, "more " + i).get("id").asText());
        }
        // every send above returned while both delivery workers were stuck in the receiver
        assertEquals(1, release.getCount());
        assertTrue(receiver.delivered().isEmpty());
        assertEquals(9, delivery().get("pending").asInt());

        release.countDown();
        Wait.until("everything is delivered", () -> receiver.deliveredIds().size() == 9);
        List<String> firstArrivals = receiver.received().stream()
                .map(WebhookReceiver.Request::id)
                .filter(firstIds::contains)
                .toList();
        assertEquals(firstIds, firstArrivals, "one conversation's events arrive in order");
        assertTrue(receiver.deliveredIds().containsAll(otherIds));
    }

    @Test
    void nothing_is_queued_while_no_webhook_is_subscribed_and_unsubscribing_drops_what_waits() {
        startServer(FAST);
        Visitor visitor = server.newVisitor(channelId);
        server.visitorSends(visitor, "nobody listens yet");
        assertEquals(0, delivery().get("pending").asInt());

        subscribe(Map.of());
        receiver.respondWith(request -> 503);
        String dropped = server.visitorSends(visitor, "to be dropped").get("id").asText();
        Wait.until("a failed attempt is recorded", () -> lastError(dropped).contains("HTTP 503"));
        server.http().operator("/webhooks.unsubscribe", Map.of()).ok();
        JsonNode afterUnsubscribe = delivery();
        assertEquals(0, afterUnsubscribe.get("pending").asInt());
        assertEquals(0, afterUnsubscribe.get("recent_errors").size());
        server.visitorSends(visitor, "still nobody listens");
        assertEquals(0, delivery().get("pending").asInt());

        receiver.respondWith(request -> 200);
        subscribe(Map.of());
        String delivered =
                server.visitorSends(visitor, "listening again").get("id").asText();
        Wait.until("the new event is delivered", () -> receiver.deliveredIds().contains(delivered));
        assertEquals(List.of(delivered), receiver.deliveredIds());
    }

    @Test
    void an_operator_reply_arrives_with_from_contact_false_and_the_exact_payload() throws Exception {
        startServer(FAST);
        String secret = subscribe(Map.of());
        Visitor visitor = server.newVisitor(channelId);
        String conversationId = claims(visitor).get("conversation_id").asText();
        server.visitorSends(visitor, "hello");
        Wait.until(
                "the contact message is delivered", () -> receiver.delivered().size() == 1);

        JsonNode reply = server.http()
                .operator(
                        "/messages.send",
                        Map.of("conversation_id", conversationId, "message", Map.of("text", "How can I help?")))
                .ok()
                .json();

        Wait.until("the operator reply is delivered", () -> receiver.delivered().size() == 2);
        WebhookReceiver.Request request = receiver.delivered().get(1);
        assertEquals(signature(secret, request.body()), request.header("X-Parley-Signature"));
        ObjectNode expected = MAPPER.createObjectNode()
                .put("conversation_id", conversationId)
                .put("channel_id", channelId)
                .put("id", reply.get("id").asText())
                .put("from_contact", false)
                .put("source", "chat_plugin")
                .put("sent_at", reply.get("sent_at").asText())
                .put("text", "How can I help?");
        expected.putObject("sender").put("id", "operator").put("type", "operator");
        assertEquals(expected, request.json());
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
