package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.support.TestServer;
import io.parley.support.TestServer.Visitor;
import io.parley.support.Wait;
import io.parley.webhook.WebhookSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's bot, examples/webhook_bot.py, run with python3 against a real server. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class WebhookBotTest {
    /**
     * A few quick attempts: the bot answers 503 when its reply fails, and Parley's retry is how the
     * answer still arrives; a long timeout, since the bot answers one request at a time and each
     * answer is itself a call to Parley.
     */
    static final WebhookSettings PATIENT_RETRIES = new WebhookSettings(
            2, Duration.ofSeconds(30), Duration.ofMillis(20), Duration.ofMillis(200), 5, Duration.ofMillis(200));

    @Test
    void the_bot_answers_every_message_including_one_at_the_length_limit_and_no_delivery_fails() throws Exception {
        Assumptions.assumeTrue(python3Available(), "python3 is not installed");
        int port = freePort();
        try (TestServer server = TestServer.start(config -> TestConfig.withWebhooks(config, PATIENT_RETRIES))) {
            String channelId = server.connectChannel("bot-site").get("id").asText();
            String secret = server.http()
                    .operator("/webhooks.subscribe", Map.of("url", "http://127.0.0.1:" + port + "/"))
                    .ok()
                    .json()
                    .get("api_secret")
                    .asText();
            Path botLog = Files.createTempFile("webhook-bot", ".log");
            Process bot = startBot(server, secret, port, botLog);
            try {
                Wait.until("the bot listens", () -> listening(port));
                List<Visitor> visitors = List.of(server.newVisitor(channelId), server.newVisitor(channelId));
                List<String> conversations = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    conversations.add(send(server, visitors.get(i % 2), "question " + i));
                }
                String longest = "x".repeat(10_000);
                send(server, visitors.get(0), longest);

                Wait.until(
                        "every message has its answer",
                        Duration.ofSeconds(60),
                        () -> answers(server, conversations.get(0)).size() == 7
                                && answers(server, conversations.get(1)).size() == 6);
                List<String> first = answers(server, conversations.get(0));
                String trimmed = first.get(first.size() - 1);
                assertEquals(10_000, trimmed.length(), "the reply is cut to the limit");
                assertTrue(trimmed.startsWith("You said: xxx"), trimmed.substring(0, 20));
                JsonNode delivery = server.http()
                        .operator("/webhooks.info", Map.of())
                        .ok()
                        .json()
                        .get("delivery");
                assertEquals(0, delivery.get("failed").asInt(), delivery.toString());
                assertTrue(bot.isAlive(), "the bot is still running");
                String printed = Files.readString(botLog);
                if (printed.contains("failed") || printed.contains("Traceback")) {
                    System.out.println("the bot printed (retried replies are expected under load):\n" + printed);
                }
            } catch (AssertionError e) {
                String delivery =
                        server.http().operator("/webhooks.info", Map.of()).ok().body();
                throw new AssertionError(
                        e.getMessage() + "\nwebhooks.info: " + delivery + "\nthe bot printed:\n"
                                + Files.readString(botLog),
                        e);
            } finally {
                bot.destroy();
                bot.waitFor(5, TimeUnit.SECONDS);
                Files.deleteIfExists(botLog);
            }
        }
    }

    static Process startBot(TestServer server, String secret, int port, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("python3", "examples/webhook_bot.py")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment()
                .putAll(Map.of(
                        "PARLEY_URL", server.baseUrl(),
                        "PARLEY_TOKEN", server.apiToken(),
                        "WEBHOOK_SECRET", secret,
                        "PORT", String.valueOf(port),
                        "PYTHONUNBUFFERED", "1"));
        return builder.start();
    }

    static String send(TestServer server, Visitor visitor, String text) {
        return server.http()
                .post("/chatplugin.send", visitor.token(), Map.of("message", Map.of("text", text)))
                .ok()
                .json()
                .get("conversation_id")
                .asText();
    }

    /** The operator (the bot's) messages of a conversation, oldest first. */
    static List<String> answers(TestServer server, String conversationId) {
        JsonNode page = server.http()
                .operator("/messages.list", Map.of("conversation_id", conversationId, "page_size", 100))
                .ok()
                .json();
        List<String> texts = new ArrayList<>();
        for (JsonNode m : page.get("data")) {
            if (m.get("alignment").asText().equals("RIGHT")) {
                texts.add(m.get("content").asText());
            }
        }
        return texts;
    }

    static boolean python3Available() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, "python3"))) {
                return true;
            }
        }
        return false;
    }

    static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
